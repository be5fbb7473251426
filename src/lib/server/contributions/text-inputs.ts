// The map comments' free-text inputs for the XSS suite: a contribution and a reply carrying the text.
import type { TextInputsHook } from '../participation/component';
import { createContribution, createReply } from './create';

export const contributionTextInputs: TextInputsHook = {
	fields: ['body', 'reply.body'],
	async create(ctx, consultation, text) {
		// A place inside the consultation's area: where its first published contribution is.
		const place = await ctx.db
			.selectFrom('contribution')
			.select('geometry')
			.where('consultation_id', '=', consultation.id)
			.where('geometry_type', '=', 'Point')
			.executeTakeFirst();
		const areas = await ctx.db
			.selectFrom('consultation_area')
			.select('area_id')
			.where('consultation_id', '=', consultation.id)
			.execute();
		const category = await ctx.db
			.selectFrom('consultation_category')
			.select('id')
			.where('consultation_id', '=', consultation.id)
			.executeTakeFirst();
		const created = await createContribution(ctx, consultation.id, {
			body: text,
			categoryId: category?.id ?? null,
			geometry: place?.geometry ? JSON.stringify(place.geometry) : undefined,
			areaIds: areas.map((a) => a.area_id)
		});
		if (!created.ok)
			throw new Error(`contribution not created: ${created.code} ${JSON.stringify(created.errors ?? {})}`);
		const reply = await createReply(ctx, created.value.id, { body: text });
		if (!reply.ok) throw new Error(`reply not created: ${reply.code}`);
		const base = `/beteiligung/${consultation.slug}`;
		return {
			itemType: 'contribution',
			id: created.value.id,
			paths: [`${base}/beitrag/${created.value.id}`, `${base}/karte`, base]
		};
	}
};
