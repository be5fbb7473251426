// Charts of a report as SVG (pure): the DOCX writer rasterises these to PNG, the builder page shows
// them; the PDF writer draws the same layout as vectors (chartLayout is shared).
import type { AreaMap, BarChart, Chart } from './model';
import { formatNumber } from './model';

export const CHART_WIDTH = 600;
export const BAR_HEIGHT = 22;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 70;
const TOP = 28;

export const COLOURS = {
	bar: '#2b5c8a',
	reference: '#5b3f8c',
	text: '#1a1a1a',
	muted: '#595959',
	selected: '#2b5c8a',
	other: '#e6e9ee',
	stroke: '#ffffff'
};

export interface BarLayout {
	width: number;
	height: number;
	bars: { label: string; text: string; x: number; y: number; w: number; h: number }[];
	reference: { x: number; label: string } | null;
	axisX: number;
}

export function escapeXml(s: string): string {
	return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Positions of bars and the reference line (values ≥ 0; negative values are drawn as 0 length). */
export function barLayout(chart: BarChart, locale: string, width = CHART_WIDTH): BarLayout {
	const values = [...chart.bars.map((b) => b.value ?? 0), chart.reference?.value ?? 0].map((v) =>
		Math.max(0, v)
	);
	const max = Math.max(...values, 1e-9);
	const plot = width - LABEL_WIDTH - VALUE_WIDTH;
	const scale = (v: number) => (Math.max(0, v) / max) * plot;
	const decimals = chart.bars.some((b) => b.value !== null && !Number.isInteger(b.value)) ? 1 : 0;
	const bars = chart.bars.map((b, i) => ({
		label: b.label,
		text: formatNumber(b.value, locale, decimals),
		x: LABEL_WIDTH,
		y: TOP + i * (BAR_HEIGHT + 6),
		w: b.value === null ? 0 : scale(b.value),
		h: BAR_HEIGHT
	}));
	const height = TOP + chart.bars.length * (BAR_HEIGHT + 6) + 24;
	return {
		width,
		height,
		bars,
		axisX: LABEL_WIDTH,
		reference: chart.reference
			? {
					x: LABEL_WIDTH + scale(chart.reference.value),
					label: `${chart.reference.label}: ${formatNumber(chart.reference.value, locale, decimals)}`
				}
			: null
	};
}

function barSvg(chart: BarChart, locale: string): string {
	const l = barLayout(chart, locale);
	const parts: string[] = [
		`<text x="0" y="16" font-size="14" font-weight="bold" fill="${COLOURS.text}">${escapeXml(chart.title)}</text>`
	];
	for (const b of l.bars) {
		parts.push(
			`<text x="${LABEL_WIDTH - 8}" y="${b.y + 15}" font-size="12" text-anchor="end" fill="${COLOURS.text}">${escapeXml(truncate(b.label, 28))}</text>`,
			`<rect x="${b.x}" y="${b.y}" width="${b.w.toFixed(1)}" height="${b.h}" fill="${COLOURS.bar}"/>`,
			`<text x="${(b.x + b.w + 6).toFixed(1)}" y="${b.y + 15}" font-size="12" fill="${COLOURS.text}">${escapeXml(b.text)}</text>`
		);
	}
	parts.push(
		`<line x1="${l.axisX}" y1="${TOP - 4}" x2="${l.axisX}" y2="${l.height - 20}" stroke="${COLOURS.muted}" stroke-width="1"/>`
	);
	if (l.reference)
		parts.push(
			`<line x1="${l.reference.x.toFixed(1)}" y1="${TOP - 6}" x2="${l.reference.x.toFixed(1)}" y2="${l.height - 18}" stroke="${COLOURS.reference}" stroke-width="2" stroke-dasharray="5 3"/>`,
			`<text x="${LABEL_WIDTH}" y="${l.height - 4}" font-size="11" fill="${COLOURS.reference}">– – ${escapeXml(l.reference.label)}</text>`
		);
	return wrap(l.width, l.height, parts.join(''));
}

function truncate(s: string, n: number): string {
	return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function mapSvg(map: AreaMap): string {
	const paths = map.shapes
		.map(
			(s) =>
				`<path d="${s.d}" fill="${s.selected ? COLOURS.selected : COLOURS.other}" stroke="${s.selected ? COLOURS.stroke : '#9aa3ad'}" stroke-width="1" fill-rule="evenodd"><title>${escapeXml(s.label)}</title></path>`
		)
		.join('');
	return wrap(map.width, map.height, paths);
}

function wrap(width: number, height: number, body: string): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif"><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}

/** The chart as a standalone SVG document. */
export function chartSvg(chart: Chart, locale: string): string {
	return chart.kind === 'bars' ? barSvg(chart, locale) : mapSvg(chart);
}

export function chartSize(chart: Chart, locale: string): { width: number; height: number } {
	if (chart.kind === 'map') return { width: chart.width, height: chart.height };
	const l = barLayout(chart, locale);
	return { width: l.width, height: l.height };
}
