import { describe, expect, it } from 'vitest';
import { localizedText } from '../../src/lib/i18n/content';

describe('localizedText', () => {
	const translations = { en: { title: 'Redesigning the market square', summary: '  ' } };
	it("shows the reader's language where given, German otherwise, and says when it falls back", () => {
		expect(localizedText('Neugestaltung', translations, 'title', 'en')).toEqual({
			text: 'Redesigning the market square',
			lang: 'en',
			fallback: false
		});
		expect(localizedText('Kurz gesagt', translations, 'summary', 'en')).toEqual({
			text: 'Kurz gesagt',
			lang: 'de',
			fallback: true
		});
		expect(localizedText('Neugestaltung', translations, 'title', 'ar')).toMatchObject({
			lang: 'de',
			fallback: true
		});
		expect(localizedText('Neugestaltung', translations, 'title', 'de')).toMatchObject({
			lang: 'de',
			fallback: false
		});
		expect(localizedText('', translations, 'summary', 'tr')).toMatchObject({ fallback: false });
		expect(localizedText('Titel', null, 'title', 'uk')).toMatchObject({ text: 'Titel', fallback: true });
	});
});
