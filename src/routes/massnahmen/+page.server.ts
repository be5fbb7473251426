// Measures (Maßnahmen): city-wide, per area (?bereich=<key>, with the areas inside it) or per
// consultation (?verfahren=<slug>), by stage; paged. Drafts only for planners city-wide and admins.
import { can } from '$lib/server/auth/permissions';
import { areaAndDescendantIds, currentAreaLabels } from '$lib/server/areas';
import { loadConsultationRef } from '$lib/server/consultations';
import { areaIdForFilter, listMeasures, MeasureListQuery } from '$lib/server/measures';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, actor } = locals.ctx;
	const q = MeasureListQuery.parse(Object.fromEntries(url.searchParams));
	const areaId = q.bereich ? await areaIdForFilter(db, q.bereich) : null;
	const consultation = q.verfahren ? await loadConsultationRef(db, { slug: q.verfahren }) : null;
	const includeDrafts = can(actor, 'measure.manage', { areas: [], consultation: null });
	const list = await listMeasures(db, {
		areaIds: q.bereich ? (areaId ? await areaAndDescendantIds(db, areaId) : []) : undefined,
		consultationId: q.verfahren
			? consultation && consultation.status !== 'draft'
				? consultation.id
				: '00000000-0000-0000-0000-000000000000'
			: undefined,
		stage: q.stand,
		includeDrafts,
		page: q.seite
	});
	return {
		...list,
		filter: { bereich: q.bereich ?? '', verfahren: q.verfahren ?? '', stand: q.stand ?? '' },
		consultationTitle: consultation && consultation.status !== 'draft' ? consultation.title : null,
		areas: (await currentAreaLabels(db)).map((a) => ({ key: a.key, name: a.name, levelName: a.levelName })),
		mayCreate: can(actor, 'measure.plan')
	};
};
