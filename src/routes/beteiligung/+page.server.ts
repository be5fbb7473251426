import { z } from 'zod';
import {
	listAreaFilterChoices,
	listConsultations,
	listDraftsForActor,
	localizeListItem,
	mayCreateSomewhere
} from '$lib/server/consultations';
import type { PageServerLoad } from './$types';

const Query = z.object({
	gebiet: z.string().trim().max(100).optional().catch(undefined),
	status: z.enum(['published', 'closed', 'archived']).optional().catch(undefined),
	seite: z.coerce.number().int().min(1).max(10000).optional().catch(undefined)
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, actor } = locals.ctx;
	const q = Query.parse({
		gebiet: url.searchParams.get('gebiet') || undefined,
		status: url.searchParams.get('status') || undefined,
		seite: url.searchParams.get('seite') || undefined
	});
	const [list, areaGroups, drafts] = await Promise.all([
		listConsultations(db, { area: q.gebiet, status: q.status, page: q.seite ?? 1 }),
		listAreaFilterChoices(db),
		listDraftsForActor(db, actor)
	]);
	return {
		list: { ...list, items: list.items.map((item) => localizeListItem(item, locals.ctx.locale)) },
		areaGroups,
		drafts,
		filter: { gebiet: q.gebiet ?? '', status: q.status ?? '' },
		mayCreate: mayCreateSomewhere(actor)
	};
};
