// Tagging a consultation's input with themes: items with checkboxes (tag or untag several at once),
// suggested themes per item and new theme names from frequent words (one click each), filters in the
// URL, pagination. Whoever may tag the consultation (themes.tag); everyone else gets "not found".
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm } from '$lib/server/core';
import {
	createTheme,
	itemsWithLexeme,
	listTaggableItems,
	suggestNewThemes,
	suggestThemesForItems,
	tagItems,
	taggingConsultation,
	TaggingQuery,
	ThemeTagItems,
	themesForConsultation
} from '$lib/server/themes';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['tagged', 'untagged', 'created'] as const;

async function consultation(locals: App.Locals, slug: string) {
	const c = await taggingConsultation(locals.ctx, slug);
	if (!c) error(404, locals.ctx.t('themes.error.notFound'));
	return c;
}

function queryOf(url: URL) {
	return TaggingQuery.parse({
		q: url.searchParams.get('q') ?? '',
		type: url.searchParams.get('type') ?? '',
		theme: url.searchParams.get('theme') ?? '',
		page: url.searchParams.get('seite') ?? '1'
	});
}

/** Back to the same filtered page (our own path only), with what was done. */
function backTo(url: URL, done: (typeof DONE)[number], n: number): string {
	const q = queryOf(url);
	const params = new URLSearchParams();
	if (q.q) params.set('q', q.q);
	if (q.type) params.set('type', q.type);
	if (q.theme) params.set('theme', q.theme);
	if (q.page > 1) params.set('seite', String(q.page));
	params.set('erledigt', done);
	params.set('n', String(n));
	return `${url.pathname}?${params.toString()}`;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const c = await consultation(locals, params.slug);
	const { db } = locals.ctx;
	const query = queryOf(url);
	const [page, themes, fresh] = await Promise.all([
		listTaggableItems(db, c.id, query),
		themesForConsultation(db, c.id),
		suggestNewThemes(db, c.id, { limit: 6 })
	]);
	const suggestions = await suggestThemesForItems(db, c.id, page.items);
	const done = url.searchParams.get('erledigt');
	return {
		consultation: { id: c.id, slug: c.slug, title: c.title },
		query,
		items: page.items.map((item, i) => ({
			...item,
			suggestions: suggestions[i].map((s) => ({ themeId: s.id, name: s.name, matched: s.matched }))
		})),
		total: page.total,
		page: page.page,
		pageCount: page.pageCount,
		themes,
		newThemes: fresh,
		done: DONE.find((d) => d === done) ?? null,
		doneCount: Number(url.searchParams.get('n') ?? 0) || 0
	};
};

const AcceptSuggestion = z.object({
	suggestion: z
		.string()
		.regex(
			/^[0-9a-f-]{36}\|(contribution|idea|idea_comment|survey_answer):[0-9a-f-]{32,64}$/,
			'themes.error.items'
		)
});

const CreateFromWord = z.object({
	name: z.string().trim().min(1, 'themes.error.nameRequired').max(120, 'themes.error.nameTooLong'),
	lexeme: z.string().regex(/^\p{L}{2,60}$/u, 'themes.error.items')
});

export const actions: Actions = {
	// The checked items get (or lose) the chosen theme.
	tag: async ({ locals, params, request, url }) => {
		const c = await consultation(locals, params.slug);
		const { t } = locals.ctx;
		const data = await request.formData();
		const items = data.getAll('item').map(String);
		const input = {
			themeId: String(data.get('themeId') ?? ''),
			consultationId: c.id,
			items,
			mode: String(data.get('mode') ?? 'tag')
		};
		const parsed = ThemeTagItems.safeParse(input);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const key =
				issue?.path[0] === 'themeId' ? 'themes.error.chooseTheme' : (issue?.message ?? 'themes.error.items');
			return fail(400, {
				errors: { form: t(key.startsWith('themes.') ? key : 'themes.error.noItems') },
				values: { themeId: input.themeId, items }
			});
		}
		const r = await tagItems(locals.ctx, parsed.data);
		if (!r.ok) {
			if (r.code === 'not_found') error(404, t('themes.error.notFound'));
			return fail(400, {
				errors: { form: t('themes.error.items') },
				values: { themeId: input.themeId, items }
			});
		}
		redirect(303, backTo(url, parsed.data.mode === 'untag' ? 'untagged' : 'tagged', r.value.changed));
	},
	// One click on a suggested theme of one item.
	accept: async ({ locals, params, request, url }) => {
		const c = await consultation(locals, params.slug);
		const { t } = locals.ctx;
		const form = parseForm(AcceptSuggestion, await request.formData(), t);
		if (!form.ok)
			return fail(400, { errors: { form: t('themes.error.items') }, values: { themeId: '', items: [] } });
		const [themeId, item] = form.data.suggestion.split('|');
		const parsed = ThemeTagItems.safeParse({ themeId, consultationId: c.id, items: [item], mode: 'tag' });
		if (!parsed.success)
			return fail(400, { errors: { form: t('themes.error.items') }, values: { themeId: '', items: [] } });
		const r = await tagItems(locals.ctx, parsed.data);
		if (!r.ok) {
			if (r.code === 'not_found') error(404, t('themes.error.notFound'));
			return fail(400, { errors: { form: t('themes.error.items') }, values: { themeId: '', items: [] } });
		}
		redirect(303, backTo(url, 'tagged', r.value.changed));
	},
	// One click on a suggested new theme: the theme of this consultation, on every item with that word.
	createFromWord: async ({ locals, params, request, url }) => {
		const c = await consultation(locals, params.slug);
		const { t, db } = locals.ctx;
		const form = parseForm(CreateFromWord, await request.formData(), t);
		if (!form.ok)
			return fail(400, { errors: { form: t('themes.error.items') }, values: { themeId: '', items: [] } });
		const items = await itemsWithLexeme(db, c.id, form.data.lexeme);
		const r = await createTheme(locals.ctx, { name: form.data.name, consultationId: c.id, items });
		if (!r.ok) {
			if (r.code === 'not_found') error(404, t('themes.error.notFound'));
			const key = r.code === 'duplicate_name' ? 'themes.error.duplicateName' : 'themes.error.items';
			return fail(400, { errors: { form: t(key) }, values: { themeId: '', items: [] } });
		}
		redirect(303, backTo(url, 'created', r.value.tagged));
	}
};
