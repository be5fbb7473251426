import { describe, expect, it } from 'vitest';
import { negotiateLocale, textDirection } from '../../src/lib/i18n';
import { resources } from '../../src/lib/i18n/resources';

describe('negotiateLocale', () => {
	it('prefers ?lang over cookie over Accept-Language', () => {
		expect(negotiateLocale({ query: 'en', cookie: 'ar', acceptLanguage: 'de' })).toBe('en');
		expect(negotiateLocale({ query: 'xx', cookie: 'ar', acceptLanguage: 'en' })).toBe('ar');
		expect(negotiateLocale({ acceptLanguage: 'fr-FR,en-GB;q=0.8,de;q=0.5' })).toBe('en');
	});
	it('honours q-values and falls back to German', () => {
		expect(negotiateLocale({ acceptLanguage: 'en;q=0.2, de;q=0.9' })).toBe('de');
		expect(negotiateLocale({ acceptLanguage: 'fr, es' })).toBe('de');
		expect(negotiateLocale({ acceptLanguage: 'en;q=0' })).toBe('de');
		expect(negotiateLocale({})).toBe('de');
	});
});

describe('translations', () => {
	// Completeness of every language: tests/unit/i18n-complete.test.ts.
	it('Arabic is right-to-left, the other five left-to-right', () => {
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('de')).toBe('ltr');
		expect(textDirection('en')).toBe('ltr');
		for (const lang of ['tr', 'uk', 'ru'] as const) expect(textDirection(lang)).toBe('ltr');
	});

	function keys(obj: unknown, prefix = ''): string[] {
		if (typeof obj !== 'object' || obj === null) return [prefix];
		return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
	}

	it('German and English have exactly the same keys', () => {
		const de = keys(resources.de.translation).sort();
		const en = keys(resources.en.translation).sort();
		expect(en.filter((k) => !de.includes(k))).toEqual([]);
		expect(de.filter((k) => !en.includes(k))).toEqual([]);
	});
});
