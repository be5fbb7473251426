import { describe, expect, it } from 'vitest';
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
});
