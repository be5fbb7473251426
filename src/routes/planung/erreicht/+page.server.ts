// "Wer wurde erreicht, wer nicht?" (issue 12): per area of a level, every module's input per 1,000
// residents (choropleth + table, online and analog apart), set against the social index class
// (scatter plot + table), and outreach suggestions with one-click links. Planners and admins only.
import { classBreaks, classIndex } from '$lib/stats/classify';
import { paletteFor } from '$lib/monitoring/palette';
import type { LegendClass, MapRow } from '$lib/monitoring/types';
import { metricValue, reachViewRow } from '$lib/planning/view';
import { loadConsultationRef } from '$lib/server/consultations/ref';
import { defaultLevel, listLevels, suppressionRules } from '$lib/server/monitoring';
import {
	outreachFor,
	period,
	ReachQuery,
	reachByArea,
	requirePlanner,
	visibleAreaIds
} from '$lib/server/planning';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, config } = locals.ctx;
	requirePlanner(locals.ctx, url);
	const query = ReachQuery.parse(Object.fromEntries(url.searchParams));
	const rules = suppressionRules(config);
	const levels = await listLevels(db);
	const level = levels.find((l) => l.key === query.ebene) ?? defaultLevel(levels);
	const consultation = query.verfahren ? await loadConsultationRef(db, { slug: query.verfahren }) : null;
	const consultations = await db
		.selectFrom('consultation')
		.select(['slug', 'title'])
		.where('status', '!=', 'draft')
		.orderBy('title')
		.execute();
	const metric = query.zahl ?? 'all';
	const base = {
		levels: levels.map((l) => ({ key: l.key, name: l.name, hasGeometry: l.hasGeometry })),
		consultations,
		query: {
			ebene: level?.key ?? '',
			verfahren: consultation?.slug ?? '',
			von: query.von ?? '',
			bis: query.bis ?? '',
			zahl: metric
		},
		rules,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
	if (!level) return { ...base, rows: [], mapRows: [], legend: [], outreach: [] };
	const input = {
		level: level.key,
		consultationIds: consultation ? [consultation.id] : undefined,
		...period(query)
	};
	const [allRows, allOutreach] = await Promise.all([
		reachByArea(db, input, { rules }),
		outreachFor(db, input, { rules })
	]);
	const visible = await visibleAreaIds(
		locals.ctx,
		allRows.map((r) => r.areaId)
	);
	const rows = allRows.filter((r) => visible.has(r.areaId)).map(reachViewRow);
	const outreach = allOutreach.filter((s) => visible.has(s.areaId));
	const values = rows.map((r) => metricValue(r, metric));
	const breaks = classBreaks(values, 'quantile', 5);
	const palette = paletteFor('higher_is_better', Math.max(breaks.length - 1, 1));
	const legend: LegendClass[] = [];
	for (let i = 1; i < breaks.length; i++)
		legend.push({ from: breaks[i - 1], to: breaks[i], color: palette[i - 1] });
	const mapRows: MapRow[] = rows.map((r, i) => {
		const hidden = metric === 'all' ? Object.values(r.suppressed).some(Boolean) : r.suppressed[metric];
		return {
			key: r.key,
			name: r.name,
			value: values[i],
			category: null,
			count: null,
			reason: hidden ? 'small_count' : values[i] === null ? 'no_value' : null,
			suppressed: hidden,
			classIndex: classIndex(values[i], breaks)
		};
	});
	return { ...base, rows, mapRows, legend, outreach, levelName: level.name, hasGeometry: level.hasGeometry };
};
