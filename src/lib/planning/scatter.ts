// Scatter plot of participation per 1,000 against the social index class (issue 12): pure layout.
export interface ScatterInput {
	key: string;
	name: string;
	/** 1 … 5 */
	x: number | null;
	y: number | null;
}

export interface ScatterPoint extends ScatterInput {
	cx: number;
	cy: number;
}

export interface ScatterLayout {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	points: ScatterPoint[];
	xTicks: { value: number; x: number }[];
	yTicks: { value: number; y: number }[];
}

/** A "nice" upper end for the y axis (1, 2, 2.5, 5 × 10^n). */
export function niceMax(value: number): number {
	if (!(value > 0)) return 1;
	const p = 10 ** Math.floor(Math.log10(value));
	for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= value) return m * p;
	return 10 * p;
}

export function scatterLayout(data: readonly ScatterInput[], width = 560, height = 320): ScatterLayout {
	const plot = { left: 56, right: width - 16, top: 16, bottom: height - 44 };
	const shown = data.filter(
		(d): d is ScatterInput & { x: number; y: number } => d.x !== null && d.y !== null
	);
	const max = niceMax(Math.max(0, ...shown.map((d) => d.y)));
	const xAt = (x: number) => plot.left + ((x - 0.5) / 5) * (plot.right - plot.left);
	const yAt = (y: number) => plot.bottom - (y / max) * (plot.bottom - plot.top);
	// Points of one class are spread a little sideways so that none hides another.
	const seen = new Map<number, number>();
	const points = shown.map((d) => {
		const n = seen.get(d.x) ?? 0;
		seen.set(d.x, n + 1);
		const offset = ((n % 5) - 2) * 6;
		return { ...d, cx: xAt(d.x) + offset, cy: yAt(d.y) };
	});
	return {
		width,
		height,
		plot,
		points,
		xTicks: [1, 2, 3, 4, 5].map((value) => ({ value, x: xAt(value) })),
		yTicks: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ value: f * max, y: yAt(f * max) }))
	};
}
