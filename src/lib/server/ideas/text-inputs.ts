// The idea boards' free-text inputs for the XSS suite: an idea (title, text) and a comment.
import type { TextInputsHook } from '../participation/component';
import { commentOnIdea } from './comment-idea';
import { createIdea } from './create-idea';
import {
	BODY_MIN,
	BoardSettings,
	IdeaComment,
	IdeaCreate,
	IdeaListQuery,
	SimilarQuery,
	TITLE_MAX,
	TITLE_MIN
} from './schemas';

export const ideaTextInputs: TextInputsHook = {
	schemas: { IdeaCreate, IdeaComment, IdeaListQuery, SimilarQuery, BoardSettings },
	fields: ['IdeaCreate.title', 'IdeaCreate.body', 'IdeaComment.body'],
	notText: {
		'IdeaCreate.categoryId': 'a category id chosen from a list',
		'IdeaCreate.areaId': 'an area id chosen from a list',
		'IdeaCreate.website': 'the honeypot, a hidden field refused when filled',
		'IdeaComment.parentId': 'the id of the comment answered',
		'IdeaComment.website': 'the honeypot, a hidden field refused when filled',
		'IdeaListQuery.category': 'a filter: a category id',
		'IdeaListQuery.area': 'a filter: an area key (pattern-checked)',
		'SimilarQuery.title': 'what is being typed, searched for and never sent back',
		'SimilarQuery.body': 'what is being typed, searched for and never sent back'
	},
	async create(ctx, consultation, text) {
		const title = text.padEnd(TITLE_MIN, '.').slice(0, TITLE_MAX);
		const category = await ctx.db
			.selectFrom('consultation_category')
			.select('id')
			.where('consultation_id', '=', consultation.id)
			.executeTakeFirst();
		const area = await ctx.db
			.selectFrom('consultation_area')
			.select('area_id')
			.where('consultation_id', '=', consultation.id)
			.executeTakeFirst();
		const created = await createIdea(ctx, consultation.id, {
			title,
			body: text.padEnd(BODY_MIN, '.'),
			categoryId: category?.id ?? '',
			areaId: area?.area_id ?? ''
		});
		if (!created.ok)
			throw new Error(`idea not created: ${created.code} ${JSON.stringify(created.errors ?? {})}`);
		const comment = await commentOnIdea(ctx, created.value.id, { body: text });
		if (!comment.ok) throw new Error(`comment not created: ${comment.code}`);
		const base = `/beteiligung/${consultation.slug}/ideen`;
		return { itemType: 'idea', id: created.value.id, paths: [`${base}/${created.value.id}`, base] };
	}
};
