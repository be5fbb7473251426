// The map comments' free-text inputs for the XSS suite: a contribution and a reply carrying the text.
import type { TextInputsHook } from '../participation/component';
import { createContribution, createReply } from './create';
import { CreateContributionInput, EditInput, ListFilters, ReplyInput } from './schemas';

const HONEYPOT = 'the honeypot, a hidden field refused when filled';
const PROOF = 'the proof-of-work challenge and answer, checked, never shown';

export const contributionTextInputs: TextInputsHook = {
	schemas: { CreateContributionInput, ReplyInput, EditInput, ListFilters },
	fields: ['CreateContributionInput.body', 'ReplyInput.body'],
	notText: {
		// an edit writes the same column, shown by the same components as a new contribution's body
		'EditInput.body': 'the body of CreateContributionInput, edited',
		'CreateContributionInput.categoryId': 'a category id chosen from a list',
		'CreateContributionInput.eventId': 'an event id chosen from a list',
		'CreateContributionInput.areaIds[]': 'area ids chosen from a list',
		'CreateContributionInput.geometry': 'GeoJSON, parsed into coordinates',
		'CreateContributionInput.collectedOn': 'a date',
		'CreateContributionInput.website': HONEYPOT,
		'CreateContributionInput.powChallenge': PROOF,
		'CreateContributionInput.powNonce': PROOF,
		'ReplyInput.website': HONEYPOT,
		'ReplyInput.powChallenge': PROOF,
		'ReplyInput.powNonce': PROOF,
		'ListFilters.area': 'a filter: an area id',
		'ListFilters.category': 'a filter: a category id'
	},
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
