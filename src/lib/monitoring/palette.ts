// Colour-blind-safe ColorBrewer palettes for the choropleth, chosen by polarity. Never red/yellow/green:
// neutral indicators use Blues (darker = higher value); indicators with a direction use Purples where
// the darkest class is always the end that needs more attention.
import type { Polarity } from './types';

const BLUES: Record<number, string[]> = {
	3: ['#deebf7', '#9ecae1', '#3182bd'],
	4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
	5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
	6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
	7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594']
};

const PURPLES: Record<number, string[]> = {
	3: ['#efedf5', '#bcbddc', '#756bb1'],
	4: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#6a51a3'],
	5: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'],
	6: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#756bb1', '#54278f'],
	7: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#4a1486']
};

/** Fill for areas whose value is protected (drawn with a hatch on top) and for areas without a value. */
export const SUPPRESSED_COLOR = '#bdbdbd';
export const NO_DATA_COLOR = '#ffffff';
export const MIN_CLASSES = 1;
export const MAX_CLASSES = 7;

function pick(scheme: Record<number, string[]>, classes: number): string[] {
	if (classes <= 1) return [scheme[3][1]];
	if (classes === 2) return [scheme[3][0], scheme[3][2]];
	return [...scheme[Math.min(classes, MAX_CLASSES)]];
}

/**
 * Colours for `classes` ascending value classes. For 'higher_is_better' the scale is reversed, so the
 * lowest values (more attention needed) get the darkest colour.
 */
export function paletteFor(polarity: Polarity, classes: number): string[] {
	if (polarity === 'neutral') return pick(BLUES, classes);
	const colours = pick(PURPLES, classes);
	return polarity === 'higher_is_better' ? colours.reverse() : colours;
}

/** Hue (0–360), saturation and lightness (0–1) of a #rrggbb colour. */
export function hsl(hex: string): { h: number; s: number; l: number } {
	const n = Number.parseInt(hex.slice(1), 16);
	const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255);
	const max = Math.max(r, g, b);
	const min = Math.min(r, g, b);
	const l = (max + min) / 2;
	if (max === min) return { h: 0, s: 0, l };
	const d = max - min;
	const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
	const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
	return { h: h * 60, s, l };
}

/** True for a visibly red, orange, yellow or green colour (the traffic-light scale we never use). */
export function isTrafficLightColor(hex: string): boolean {
	const { h, s } = hsl(hex);
	if (s < 0.12) return false;
	return h < 175 || h >= 330;
}
