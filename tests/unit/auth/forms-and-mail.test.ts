import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/lib/i18n';
import { parseForm } from '../../../src/lib/server/core';
import { ChangePasswordInput, DeleteAccountInput, RegisterInput } from '../../../src/lib/server/auth/schemas';
import { absoluteUrl, buildMail } from '../../../src/lib/server/mail/templates';

const form = (entries: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(entries)) data.set(k, v);
	return data;
};

describe('form validation with German field errors', () => {
	const t = createI18n('de').t;

	it('names every problem in German and never echoes the password', () => {
		const result = parseForm(
			RegisterInput,
			form({ displayName: ' ', email: 'keine-adresse', password: 'kurz' }),
			t
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				displayName: 'Bitte geben Sie einen Anzeigenamen ein.',
				email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.',
				password: 'Das Passwort muss mindestens 10 Zeichen lang sein.'
			},
			values: { displayName: ' ', email: 'keine-adresse' }
		});
	});

	it('reports missing fields and accepts valid input (trimmed)', () => {
		expect(parseForm(RegisterInput, form({}), t)).toMatchObject({
			ok: false,
			errors: {
				email: 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
				password: 'Bitte geben Sie ein Passwort ein.'
			}
		});
		expect(
			parseForm(
				RegisterInput,
				form({ displayName: ' Nina ', email: ' nina@example.org ', password: '0123456789' }),
				t
			)
		).toEqual({ ok: true, data: { displayName: 'Nina', email: 'nina@example.org', password: '0123456789' } });
	});

	it('requires the deletion checkbox and a long enough new password, in English too', () => {
		const en = createI18n('en').t;
		expect(parseForm(DeleteAccountInput, form({ currentPassword: 'x' }), en)).toMatchObject({
			ok: false,
			errors: { confirm: 'Please confirm that you want to delete your account for good.' }
		});
		expect(parseForm(ChangePasswordInput, form({ newPassword: '123' }), en)).toMatchObject({
			ok: false,
			errors: { newPassword: 'The password must be at least 10 characters long.' }
		});
	});
});

describe('mail texts', () => {
	it('are written in the recipient’s language with absolute links', () => {
		const link = absoluteUrl('https://beteiligung.musterstadt.de', '/bestaetigen/abc');
		expect(link).toBe('https://beteiligung.musterstadt.de/bestaetigen/abc');
		expect(absoluteUrl('http://localhost:3000/', '/x')).toBe('http://localhost:3000/x');
		const de = buildMail('verify_email', 'de', 'a@example.org', { name: 'Nina', link, hours: 48 });
		expect(de.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
		expect(de.text).toContain('Hallo Nina,');
		expect(de.text).toContain(link);
		expect(de.text).toContain('48 Stunden');
		const en = buildMail('verify_email', 'en', 'a@example.org', { name: 'Nina', link, hours: 48 });
		expect(en.subject).toBe('Please confirm your e-mail address');
		// An unknown language falls back to German.
		expect(buildMail('verify_email', 'xx', 'a@example.org', { name: 'N', link, hours: 48 }).subject).toBe(
			de.subject
		);
	});
});
