// Class breaks for choropleth maps. Breaks are k+1 ascending bounds: [min, b1, …, max].
import { ckmeans, mean, quantileSorted, standardDeviation } from 'simple-statistics';

export const CLASS_METHODS = ['quantile', 'equal', 'ckmeans', 'stddev'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

function finite(values: readonly (number | null | undefined)[]): number[] {
	return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** Removes repeated bounds (many equal values) so every class is non-empty and ascending. */
function dedupe(breaks: number[]): number[] {
	return breaks.filter((b, i) => i === 0 || b > breaks[i - 1]);
}

export function classBreaks(
	values: readonly (number | null | undefined)[],
	method: ClassMethod,
	k = 5
): number[] {
	const data = finite(values).sort((a, b) => a - b);
	if (data.length === 0) return [];
	const min = data[0];
	const max = data[data.length - 1];
	if (min === max) return [min, max];
	const classes = Math.max(1, Math.min(k, data.length));
	switch (method) {
		case 'quantile': {
			const inner = Array.from({ length: classes - 1 }, (_, i) => quantileSorted(data, (i + 1) / classes));
			return dedupe([min, ...inner, max]);
		}
		case 'equal': {
			const step = (max - min) / classes;
			return dedupe([min, ...Array.from({ length: classes - 1 }, (_, i) => min + step * (i + 1)), max]);
		}
		case 'ckmeans': {
			// Natural breaks (Jenks' optimum, computed exactly by Ckmeans): a class starts at its cluster's minimum.
			const clusters = ckmeans(data, Math.min(classes, new Set(data).size));
			return dedupe([min, ...clusters.slice(1).map((c) => c[0]), max]);
		}
		case 'stddev': {
			// Classes one standard deviation wide, centred on the mean (mean ± 0.5 sd is the middle class).
			const m = mean(data);
			const sd = standardDeviation(data);
			if (sd === 0) return [min, max];
			const half = Math.floor(classes / 2);
			const inner: number[] = [];
			for (let i = -half; i < classes - half - 1; i++) {
				const bound = m + (i + (classes % 2 === 1 ? 0.5 : 1)) * sd;
				if (bound > min && bound < max) inner.push(bound);
			}
			return dedupe([min, ...inner, max]);
		}
	}
}

/** Index of the class a value falls into (upper bounds inclusive, the first class includes its minimum). */
export function classIndex(value: number | null | undefined, breaks: readonly number[]): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || breaks.length < 2) return null;
	for (let i = 1; i < breaks.length; i++) if (value <= breaks[i]) return i - 1;
	return breaks.length - 2;
}
