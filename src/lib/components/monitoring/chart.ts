// Small pure helpers for the SVG charts of the profile (scales, paths with gaps, ticks).

export interface Scale {
	(value: number): number;
	domain: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	const span = d1 - d0 || 1;
	const scale = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
	scale.domain = domain;
	return scale;
}

/** A y-domain for values: from 0 when all are positive and not far from 0, padded otherwise. */
export function valueDomain(values: readonly (number | null)[]): [number, number] {
	const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (present.length === 0) return [0, 1];
	let min = Math.min(...present);
	let max = Math.max(...present);
	if (min >= 0 && min <= max * 0.6) min = 0;
	if (min === max) {
		const pad = Math.abs(min) * 0.1 || 1;
		min -= pad;
		max += pad;
	} else {
		const pad = (max - min) * 0.08;
		if (min !== 0) min -= pad;
		max += pad;
	}
	return [min, max];
}

/** SVG path through the points; a null value breaks the line (no interpolation over a gap). */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
	let d = '';
	let pen = false;
	for (const p of points) {
		if (p.y === null) {
			pen = false;
			continue;
		}
		d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
		pen = true;
	}
	return d;
}
