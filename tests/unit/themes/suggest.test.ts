import { describe, expect, it } from 'vitest';
import {
	isThemeLexeme,
	rankThemesForItem,
	scrubQuote,
	suggestNewThemes,
	themeNameFor,
	tokenize,
	type ThemeLexemes
} from '../../../src/lib/themes/suggest';

const theme = (
	id: string,
	name: string,
	nameLexemes: string[],
	items: Record<string, number> = {},
	itemCount = 0
): ThemeLexemes => ({
	id,
	name,
	nameLexemes,
	itemLexemes: new Map(Object.entries(items)),
	itemCount
});

describe('isThemeLexeme', () => {
	it('drops short, numeric and stop lexemes', () => {
		expect(isThemeLexeme('baum')).toBe(true);
		expect(isThemeLexeme('spielplatz')).toBe(true);
		expect(isThemeLexeme('ab')).toBe(false);
		expect(isThemeLexeme('2026')).toBe(false);
		expect(isThemeLexeme('b12')).toBe(false);
		expect(isThemeLexeme('bitt')).toBe(false);
		expect(isThemeLexeme('mehr')).toBe(false);
		expect(isThemeLexeme('stadt')).toBe(false);
	});
});

describe('rankThemesForItem', () => {
	const themes = [
		theme('green', 'Stadtgrün', ['stadtgrun'], { baum: 4, schatt: 2, park: 1 }, 4),
		theme('traffic', 'Verkehr', ['verkehr'], { bus: 3, ampel: 1 }, 3),
		theme('trees', 'Bäume', ['baum'])
	];
	it('ranks a name match above a share of tagged items, best first', () => {
		const ranked = rankThemesForItem(['baum', 'bitt'], themes);
		// trees: its name (1); green: baum in all 4 tagged items, capped at 0.6; "bitt" is a stop lexeme
		expect(ranked.map((r) => [r.id, r.score])).toEqual([
			['trees', 1],
			['green', 0.6]
		]);
		expect(ranked[1].matched).toEqual(['baum']);
	});
	it('orders by score: more shared words beat one', () => {
		const ranked = rankThemesForItem(['baum', 'schatt', 'park'], themes);
		// green: 0.6 + 0.5 + 0.25 = 1.35 > trees: 1
		expect(ranked.map((r) => [r.id, r.score])).toEqual([
			['green', 1.35],
			['trees', 1]
		]);
	});
	it('leaves out themes the item has, weak matches and stop words', () => {
		expect(rankThemesForItem(['baum'], themes, { exclude: new Set(['trees', 'green']) })).toEqual([]);
		// one chance word in 1 of 3 items (0.33) is below 0.4
		expect(rankThemesForItem(['ampel'], themes, { minScore: 0.4 })).toEqual([]);
		expect(rankThemesForItem(['mehr', 'bitt'], [theme('x', 'Mehr', ['mehr'])])).toEqual([]);
	});
	it('returns at most `limit` themes', () => {
		const many = Array.from({ length: 6 }, (_, i) => theme(`t${i}`, `Baum ${i}`, ['baum']));
		expect(rankThemesForItem(['baum'], many)).toHaveLength(3);
		expect(rankThemesForItem(['baum'], many, { limit: 5 })).toHaveLength(5);
	});
});

describe('suggestNewThemes', () => {
	const stats = [
		{ word: 'spielplatz', ndoc: 5, nentry: 6 },
		{ word: 'mehr', ndoc: 9, nentry: 12 },
		{ word: 'baum', ndoc: 5, nentry: 9 },
		{ word: 'verkehr', ndoc: 3, nentry: 3 },
		{ word: 'kiosk', ndoc: 1, nentry: 1 },
		{ word: 'bus', ndoc: 3, nentry: 3 }
	];
	const forms = new Map([
		[
			'baum',
			new Map([
				['bäume', 4],
				['baum', 2]
			])
		],
		[
			'spielplatz',
			new Map([
				['spielplatz', 3],
				['spielplätze', 2]
			])
		]
	]);
	it('ranks by documents, then occurrences, drops stop words, rare words and existing names', () => {
		const out = suggestNewThemes(stats, forms, new Set(['verkehr']));
		expect(out.map((s) => s.lexeme)).toEqual(['baum', 'spielplatz', 'bus']);
		expect(out.map((s) => s.name)).toEqual(['Bäume', 'Spielplatz', 'Bus']);
	});
	it('respects minDocs and limit', () => {
		expect(suggestNewThemes(stats, forms, new Set(), { minDocs: 4 }).map((s) => s.lexeme)).toEqual([
			'baum',
			'spielplatz'
		]);
		expect(suggestNewThemes(stats, forms, new Set(), { limit: 1 })).toHaveLength(1);
	});
});

describe('themeNameFor / tokenize', () => {
	it('takes the most frequent written form, capitalised', () => {
		expect(
			themeNameFor(
				'schul',
				new Map([
					['schule', 3],
					['schulen', 3],
					['schulweg', 1]
				])
			)
		).toBe('Schule');
		expect(themeNameFor('ampel', undefined)).toBe('Ampel');
	});
	it('splits into lower-case words of at least 3 letters, umlauts kept', () => {
		expect(tokenize('Mehr Bäume, am Straßenrand! 2026 ok')).toEqual(['mehr', 'bäume', 'straßenrand']);
	});
});

describe('scrubQuote', () => {
	it('removes e-mail addresses, links and phone numbers', () => {
		const q = scrubQuote(
			'Schreiben Sie mir: anna.muster@example.org oder 0211 123456 78, siehe https://x.example/y'
		);
		expect(q).not.toMatch(/@|example|123456/);
		expect(q).toContain('Schreiben Sie mir:');
	});
	it('cuts long texts on a word boundary', () => {
		const long = 'Wort '.repeat(100);
		const q = scrubQuote(long, 50);
		expect(q.length).toBeLessThanOrEqual(52);
		expect(q.endsWith(' …')).toBe(true);
	});
});
