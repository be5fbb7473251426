import { describe, expect, it } from 'vitest';
import {
	hsl,
	isTrafficLightColor,
	NO_DATA_COLOR,
	paletteFor,
	SUPPRESSED_COLOR
} from '../../../src/lib/monitoring/palette';

const POLARITIES = ['neutral', 'higher_is_worse', 'higher_is_better'] as const;

describe('choropleth palettes', () => {
	it('recognise red, orange, yellow and green as traffic-light colours (the check itself works)', () => {
		for (const colour of ['#d7191c', '#fdae61', '#ffffbf', '#a6d96a', '#1a9641', '#e41a1c', '#ff7f00'])
			expect(isTrafficLightColor(colour), colour).toBe(true);
		for (const colour of ['#3182bd', '#54278f', '#bdbdbd', '#ffffff'])
			expect(isTrafficLightColor(colour)).toBe(false);
	});

	it('never use red, yellow or green, for any polarity and class count', () => {
		for (const polarity of POLARITIES)
			for (let k = 1; k <= 7; k++) {
				const colours = paletteFor(polarity, k);
				expect(colours).toHaveLength(k);
				for (const c of colours) expect(isTrafficLightColor(c), `${polarity} ${k}: ${c}`).toBe(false);
			}
		expect(isTrafficLightColor(SUPPRESSED_COLOR)).toBe(false);
		expect(isTrafficLightColor(NO_DATA_COLOR)).toBe(false);
	});

	it('neutral indicators are blue, indicators with a direction purple', () => {
		for (const c of paletteFor('neutral', 5)) expect(hsl(c).h).toBeGreaterThan(195);
		for (const c of paletteFor('neutral', 5)) expect(hsl(c).h).toBeLessThan(230);
		for (const c of paletteFor('higher_is_worse', 5)) expect(hsl(c).h).toBeGreaterThan(240);
	});

	it('the darkest colour is always the end that needs more attention', () => {
		const lightness = (cs: string[]) => cs.map((c) => hsl(c).l);
		const worse = lightness(paletteFor('higher_is_worse', 5));
		const better = lightness(paletteFor('higher_is_better', 5));
		// higher_is_worse: high values (last class) darkest; higher_is_better: low values (first class) darkest.
		expect(worse).toEqual([...worse].sort((a, b) => b - a));
		expect(better).toEqual([...better].sort((a, b) => a - b));
		expect(paletteFor('higher_is_better', 5)).toEqual([...paletteFor('higher_is_worse', 5)].reverse());
	});
});
