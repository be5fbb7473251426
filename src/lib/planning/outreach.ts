// Outreach suggestions (issue 12): areas with high need (social index class among the worst classes)
// and low participation (all input per 1,000 residents below the median of the level's areas) get
// suggestions for what would help there. Pure: the server module feeds it the reach rows.
import { REACH_FIGURES, type ReachRow } from './reach';

/** Classes 1 and 2 of the composite index ("sehr hoher" / "hoher Handlungsbedarf"). */
export const HIGH_NEED_CLASSES: readonly number[] = [1, 2];

export const OUTREACH_KINDS = ['workshop', 'door_to_door', 'info_stand'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

export interface OutreachSuggestion {
	areaId: string;
	key: string;
	name: string;
	socialIndexClass: number;
	/** What would help, most useful first */
	kinds: OutreachKind[];
	/** the event type the workshop / Infostand link pre-fills */
	links: { kind: OutreachKind; href: string }[];
}

function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** All input of an area per 1,000 residents (raw counts: the rule only ranks, it publishes no figure). */
export function participationRate(row: Pick<ReachRow, 'counts' | 'population'>): number | null {
	if (row.population === null || row.population <= 0) return null;
	let sum = 0;
	for (const f of REACH_FIGURES) sum += row.counts[f].online + row.counts[f].analog;
	return (sum / row.population) * 1000;
}

function figureRate(row: Pick<ReachRow, 'counts' | 'population'>, pick: (r: ReachRow['counts']) => number) {
	return row.population && row.population > 0 ? (pick(row.counts) / row.population) * 1000 : null;
}

export function outreachHref(kind: OutreachKind, areaKey: string, surveyPath?: string | null): string | null {
	const area = encodeURIComponent(areaKey);
	if (kind === 'workshop') return `/termine/neu?area=${area}&type=planungswerkstatt`;
	if (kind === 'info_stand') return `/termine/neu?area=${area}&type=infostand`;
	return surveyPath ? `${surveyPath}?gebiet=${area}&zugang=code#new-survey` : null;
}

/**
 * Areas of high need whose participation per 1,000 lies below the median of the level's areas, or
 * that were not reached at all (areas without a known population take no part), worst class first, then lowest participation. What helps:
 * a door-to-door survey where few survey responses came, a workshop where few came to events, an
 * Infostand where hardly anyone took part offline; a workshop at least.
 */
export function outreachSuggestions(
	rows: readonly ReachRow[],
	options: {
		/** area id → the survey page of a consultation there (door-to-door surveys are offered only there) */
		surveyPaths?: ReadonlyMap<string, string | null>;
		highNeed?: readonly number[];
	} = {}
): OutreachSuggestion[] {
	const highNeed = options.highNeed ?? HIGH_NEED_CLASSES;
	const rated = rows
		.map((row) => ({ row, rate: participationRate(row) }))
		.filter((r): r is { row: ReachRow; rate: number } => r.rate !== null);
	const cityMedian = median(rated.map((r) => r.rate));
	if (cityMedian === null) return [];
	const surveyMedian = median(
		rated.map((r) => figureRate(r.row, (c) => c.surveyResponses.online + c.surveyResponses.analog) ?? 0)
	)!;
	const workshopMedian = median(
		rated.map((r) => figureRate(r.row, (c) => c.workshopAttendance.online + c.workshopAttendance.analog) ?? 0)
	)!;
	const analogMedian = median(
		rated.map((r) => figureRate(r.row, (c) => REACH_FIGURES.reduce((s, f) => s + c[f].analog, 0)) ?? 0)
	)!;
	return rated
		.filter(
			(r) =>
				r.row.socialIndexClass !== null &&
				highNeed.includes(r.row.socialIndexClass) &&
				// nobody reached at all counts as low, even where most areas gave nothing
				(r.rate < cityMedian || r.rate === 0)
		)
		.sort(
			(a, b) =>
				a.row.socialIndexClass! - b.row.socialIndexClass! ||
				a.rate - b.rate ||
				a.row.key.localeCompare(b.row.key)
		)
		.map(({ row }) => {
			const kinds: OutreachKind[] = [];
			const survey = figureRate(row, (c) => c.surveyResponses.online + c.surveyResponses.analog) ?? 0;
			const workshop = figureRate(row, (c) => c.workshopAttendance.online + c.workshopAttendance.analog) ?? 0;
			const analog = figureRate(row, (c) => REACH_FIGURES.reduce((s, f) => s + c[f].analog, 0)) ?? 0;
			const surveyPath = options.surveyPaths?.get(row.areaId) ?? null;
			if (survey <= surveyMedian && surveyPath) kinds.push('door_to_door');
			if (workshop <= workshopMedian || kinds.length === 0) kinds.push('workshop');
			if (analog <= analogMedian) kinds.push('info_stand');
			return {
				areaId: row.areaId,
				key: row.key,
				name: row.name,
				socialIndexClass: row.socialIndexClass!,
				kinds,
				links: kinds
					.map((kind) => ({ kind, href: outreachHref(kind, row.key, surveyPath) }))
					.filter((l): l is { kind: OutreachKind; href: string } => l.href !== null)
			};
		});
}
