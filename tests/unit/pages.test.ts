import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n';
import { readConfig } from '../../src/lib/server/config';
import { defaultPageText, toParagraphs } from '../../src/lib/server/pages/queries';
import { PAGE_SLUGS } from '../../src/lib/server/pages/schemas';

describe('toParagraphs', () => {
	it('splits on blank lines and keeps single line breaks inside a paragraph', () => {
		expect(toParagraphs('Erster Absatz\nzweite Zeile\n\nZweiter Absatz')).toEqual([
			'Erster Absatz\nzweite Zeile',
			'Zweiter Absatz'
		]);
	});
	it('treats Windows line ends, whitespace-only lines and extra blank lines alike', () => {
		expect(toParagraphs('\r\n\r\nA\r\n \t \r\nB\n\n\n\nC\n\n')).toEqual(['A', 'B', 'C']);
		expect(toParagraphs('')).toEqual([]);
	});
	it('leaves markup untouched (it is rendered as text)', () => {
		expect(toParagraphs('<script>alert(1)</script>')).toEqual(['<script>alert(1)</script>']);
	});
});

describe('default page texts', () => {
	it.each(PAGE_SLUGS)('%s has a German and an English default with several paragraphs', (slug) => {
		const de = defaultPageText(slug, 'de');
		const en = defaultPageText(slug, 'en');
		expect(de.locale).toBe('de');
		expect(en.locale).toBe('en');
		expect(toParagraphs(de.body).length).toBeGreaterThan(3);
		expect(en.title).not.toBe(de.title);
	});
	it('the privacy default names what is stored and that there is no tracking', () => {
		const body = defaultPageText('datenschutz', 'de').body;
		for (const word of [
			'E-Mail-Adresse',
			'Namen',
			'Passwort',
			'Hashwert',
			'Sitzungs-Cookie',
			'Kein Tracking',
			'Kartenserver'
		])
			expect(body).toContain(word);
	});
	it('the accessibility default follows BITV 2.0 and offers a feedback contact', () => {
		const body = defaultPageText('barrierefreiheit', 'de').body;
		expect(body).toContain('BITV 2.0');
		expect(body).toContain('Feedback und Kontakt');
	});
	it('the privacy default states the configured event and mail retention in every language', () => {
		const config = { eventRetentionDays: 45, mailRetentionDays: 21 };
		const de = defaultPageText('datenschutz', 'de', config).body;
		expect(de).toContain('45 Tage nach dem Termin');
		expect(de).toContain('45 Tage nach Ende der Umfrage');
		expect(de).toContain('21 Tage nach dem Erstellen');
		expect(de).toContain('Postausgang');
		for (const locale of LOCALES) {
			const body = defaultPageText('datenschutz', locale, config).body;
			expect(body, locale).toContain('45');
			expect(body, locale).toContain('21');
			expect(body, locale).not.toContain('{{');
		}
	});
	it('the privacy default names the defaults when nothing is configured (183 and 90 days)', () => {
		const body = defaultPageText('datenschutz', 'de', readConfig({})).body;
		expect(body).toContain('183 Tage nach dem Termin');
		expect(body).toContain('90 Tage nach dem Erstellen');
	});
});

describe('retention settings', () => {
	it('EVENT_RETENTION_DAYS defaults to 183, MAIL_RETENTION_DAYS to 90 or the event period if shorter', () => {
		expect(readConfig({})).toMatchObject({ eventRetentionDays: 183, mailRetentionDays: 90 });
		expect(readConfig({ EVENT_RETENTION_DAYS: '30' })).toMatchObject({
			eventRetentionDays: 30,
			mailRetentionDays: 30
		});
		expect(readConfig({ EVENT_RETENTION_DAYS: '365', MAIL_RETENTION_DAYS: '7' })).toMatchObject({
			eventRetentionDays: 365,
			mailRetentionDays: 7
		});
		for (const bad of ['0', '-3', '2.5', 'abc', ''])
			expect(readConfig({ EVENT_RETENTION_DAYS: bad }).eventRetentionDays, bad).toBe(183);
	});
});
