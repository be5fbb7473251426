import { describe, expect, it } from 'vitest';
import { createI18n, negotiateLocale, textDirection } from '../../src/lib/i18n';
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
	it('Arabic is right-to-left, German and English left-to-right', () => {
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('de')).toBe('ltr');
		expect(textDirection('en')).toBe('ltr');
	});

	it('falls back to German where Arabic has no text yet', () => {
		const t = createI18n('ar').t;
		expect(t('core.siteName')).toBe('Quartierskompass');
		expect(t('core.nav.login')).toBe('تسجيل الدخول');
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

	it('Arabic has no key that German lacks', () => {
		const de = new Set(keys(resources.de.translation));
		expect(keys(resources.ar.translation).filter((k) => !de.has(k) && k !== '')).toEqual([]);
	});
});
