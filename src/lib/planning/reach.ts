// "Wer wurde erreicht, wer nicht?" (issue 12): the shapes of the reach table and its small-number
// decision. Pure (browser-safe): the server module planning/reach.ts loads the counts.
//
// Small numbers: a count from 1 to k−1 (config.smallCountK) is hidden. Each figure of an area has three
// linked numbers — online, analog and their total — and parents are the sums of their children on
// every level. The decision therefore runs per figure over the whole area tree with the monitoring's
// joint rule (stats/disclosure.ts): an area hidden for one of the figure's numbers is hidden for all
// three (so total − shown part never gives a hidden part back), a second sibling is hidden as cover,
// an only child with its parent, a hidden parent with one child — no subtraction across areas or
// levels recovers a hidden count.
import { decideDisclosure, type DisclosureArea } from '../stats/disclosure';

export const REACH_FIGURES = ['contributions', 'surveyResponses', 'supports', 'workshopAttendance'] as const;
export type ReachFigureKey = (typeof REACH_FIGURES)[number];

export interface ChannelSplit<T = number> {
	online: T;
	analog: T;
}

export type ReachCounts<T = number> = Record<ReachFigureKey, ChannelSplit<T>>;

export interface ReachRow {
	areaId: string;
	key: string;
	name: string;
	/** Residents (null when unknown or hidden by the monitoring's small-area rule) */
	population: number | null;
	/** 1 (very high need, "sehr hoher Handlungsbedarf") … 5 (very good opportunities); null when unknown */
	socialIndexClass: number | null;
	/**
	 * Raw counts. NEVER show a figure whose `suppressed[figure]` is true: use shownCounts() (or
	 * per1000, which is null there) for anything a person sees.
	 */
	counts: ReachCounts;
	/** Per 1,000 residents; null where the population is unknown or the figure is suppressed */
	per1000: ReachCounts<number | null>;
	/** true: the figure's online, analog and total are all hidden for this area */
	suppressed: Record<ReachFigureKey, boolean>;
}

/** A reach area in the tree (every current area of every level, for the joint decision). */
export interface ReachTreeArea {
	id: string;
	parentId: string | null;
	population: number | null;
}

export function emptyCounts(): ReachCounts {
	return {
		contributions: { online: 0, analog: 0 },
		surveyResponses: { online: 0, analog: 0 },
		supports: { online: 0, analog: 0 },
		workshopAttendance: { online: 0, analog: 0 }
	};
}

/**
 * Per figure: the ids of the areas whose counts of that figure are hidden. `counts` holds every area's
 * counts (areas without an entry have 0 everywhere).
 */
export function decideReachDisclosure(
	areas: readonly ReachTreeArea[],
	counts: ReadonlyMap<string, ReachCounts>,
	k: number
): Record<ReachFigureKey, Set<string>> {
	const tree: DisclosureArea[] = areas.map((a) => ({
		id: a.id,
		parentId: a.parentId,
		population: null,
		size: a.population
	}));
	const out = {} as Record<ReachFigureKey, Set<string>>;
	for (const figure of REACH_FIGURES) {
		const values = new Map<string, number[]>();
		for (const area of areas) {
			const c = counts.get(area.id)?.[figure] ?? { online: 0, analog: 0 };
			values.set(area.id, [c.online, c.analog, c.online + c.analog]);
		}
		const { hidden } = decideDisclosure(tree, values, { minPopulation: 0, minCount: k });
		out[figure] = new Set(hidden.keys());
	}
	return out;
}

export function per1000(count: number, population: number | null): number | null {
	if (population === null || population <= 0) return null;
	return (count / population) * 1000;
}

/** The counts a person may see: null where the figure is suppressed. */
export function shownCounts(row: Pick<ReachRow, 'counts' | 'suppressed'>): ReachCounts<number | null> {
	const out = {} as ReachCounts<number | null>;
	for (const f of REACH_FIGURES)
		out[f] = row.suppressed[f] ? { online: null, analog: null } : { ...row.counts[f] };
	return out;
}

/** Everything an area gave (all figures, both channels); null as soon as one figure is hidden. */
export function shownTotal(
	row: Pick<ReachRow, 'counts' | 'suppressed'>,
	channel?: keyof ChannelSplit
): number | null {
	let sum = 0;
	for (const f of REACH_FIGURES) {
		if (row.suppressed[f]) return null;
		sum += channel ? row.counts[f][channel] : row.counts[f].online + row.counts[f].analog;
	}
	return sum;
}

/** Builds the rows of one level from raw counts (used by the server module and the unit tests). */
export function buildReachRows(
	levelAreas: readonly {
		id: string;
		key: string;
		name: string;
		population: number | null;
		socialIndexClass: number | null;
	}[],
	tree: readonly ReachTreeArea[],
	counts: ReadonlyMap<string, ReachCounts>,
	k: number
): ReachRow[] {
	const hidden = decideReachDisclosure(tree, counts, k);
	return levelAreas.map((a) => {
		const c = counts.get(a.id) ?? emptyCounts();
		const suppressed = Object.fromEntries(REACH_FIGURES.map((f) => [f, hidden[f].has(a.id)])) as Record<
			ReachFigureKey,
			boolean
		>;
		const rates = Object.fromEntries(
			REACH_FIGURES.map((f) => [
				f,
				suppressed[f]
					? { online: null, analog: null }
					: { online: per1000(c[f].online, a.population), analog: per1000(c[f].analog, a.population) }
			])
		) as ReachCounts<number | null>;
		return {
			areaId: a.id,
			key: a.key,
			name: a.name,
			population: a.population,
			socialIndexClass: a.socialIndexClass,
			counts: structuredClone(c),
			per1000: rates,
			suppressed
		};
	});
}
