// What the "Wer wurde erreicht?" page shows of a reach row (browser-safe, no raw counts of hidden
// figures): the shown counts, the rates, the total and its rate (null as soon as one figure is hidden).
import {
	per1000,
	REACH_FIGURES,
	shownCounts,
	shownTotal,
	type ReachCounts,
	type ReachFigureKey,
	type ReachRow
} from './reach';

export type ReachMetric = 'all' | ReachFigureKey;

export interface ReachViewRow {
	key: string;
	name: string;
	population: number | null;
	socialIndexClass: number | null;
	counts: ReachCounts<number | null>;
	per1000: ReachCounts<number | null>;
	suppressed: Record<ReachFigureKey, boolean>;
	total: { online: number | null; analog: number | null; all: number | null };
	totalPer1000: number | null;
}

export function reachViewRow(row: ReachRow): ReachViewRow {
	const all = shownTotal(row);
	return {
		key: row.key,
		name: row.name,
		population: row.population,
		socialIndexClass: row.socialIndexClass,
		counts: shownCounts(row),
		per1000: row.per1000,
		suppressed: { ...row.suppressed },
		total: { online: shownTotal(row, 'online'), analog: shownTotal(row, 'analog'), all },
		totalPer1000: all === null ? null : per1000(all, row.population)
	};
}

/** The value the map colours: a figure's rate (online + analog) or all input per 1,000. */
export function metricValue(row: ReachViewRow, metric: ReachMetric): number | null {
	if (metric === 'all') return row.totalPer1000;
	const r = row.per1000[metric];
	return r.online === null || r.analog === null ? null : r.online + r.analog;
}

export const REACH_METRICS: readonly ReachMetric[] = ['all', ...REACH_FIGURES];
