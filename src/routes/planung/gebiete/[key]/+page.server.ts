// The planner's area view (issue 12): the area's indicators with index class and city average next to
// everything residents said there, searchable and filtered by consultation, period and channel (all in
// the URL). Planners covering the area and admins; everyone else gets a 404.
import { error } from '@sveltejs/kit';
import { can } from '$lib/server/auth/permissions';
import { currentAreaIdByKey, loadAreaAncestry, newestAreaId } from '$lib/server/areas';
import { loadConsultationRef } from '$lib/server/consultations/ref';
import { measuresFor } from '$lib/server/measures';
import { AreaKey, suppressionRules } from '$lib/server/monitoring';
import { areaInput, AreaViewQuery, period, requirePlanner } from '$lib/server/planning';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	requirePlanner(ctx, url);
	const key = AreaKey.safeParse(params.key);
	const query = AreaViewQuery.parse(Object.fromEntries(url.searchParams));
	const areaId = !key.success
		? null
		: query.ebene
			? await newestAreaId(ctx.db, query.ebene, key.data)
			: await currentAreaIdByKey(ctx.db, key.data);
	const [ref] = areaId ? await loadAreaAncestry(ctx.db, [areaId]) : [];
	if (!ref || !can(ctx.actor, 'planning.view', { area: ref })) error(404, ctx.t('planning.notFound'));
	const consultation = query.verfahren ? await loadConsultationRef(ctx.db, { slug: query.verfahren }) : null;
	const view = await areaInput(
		ctx.db,
		{
			areaId: ref.id,
			consultationId: consultation?.id,
			...period(query),
			channel: query.kanal,
			q: query.q,
			page: query.seite
		},
		{
			rules: suppressionRules(ctx.config),
			config: ctx.config,
			locale: ctx.locale,
			t: ctx.t as never,
			actor: ctx.actor
		}
	);
	if (!view) error(404, ctx.t('planning.notFound'));
	const surveyMeasures = Object.fromEntries(
		await measuresFor(
			ctx.db,
			'survey',
			view.surveyResults.map((r) => r.surveyId)
		)
	);
	return {
		view,
		surveyMeasures,
		rules: suppressionRules(ctx.config),
		query: {
			ebene: view.area.levelKey,
			verfahren: consultation?.slug ?? '',
			von: query.von ?? '',
			bis: query.bis ?? '',
			kanal: query.kanal ?? '',
			q: query.q ?? ''
		}
	};
};
