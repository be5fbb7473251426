import { expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { getPageText, getSavedPageText, savePageText } from '../../../src/lib/server/pages';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';

describeEachDatabase('legal page texts', (get) => {
	let admin: Actor;
	const now = new Date('2026-11-23T12:00:00Z');

	it('without saved texts, shows the built-in default in the language', async () => {
		const { db } = get();
		admin = await actorFor(db, await insertUser(db, { roles: ['admin'] }));
		const de = await getPageText(db, 'datenschutz', 'de');
		expect(de).toMatchObject({
			title: 'Datenschutzerklärung',
			locale: 'de',
			source: 'default',
			updatedAt: null
		});
		expect(de.body).toContain('Argon2id');
		const en = await getPageText(db, 'datenschutz', 'en');
		expect(en).toMatchObject({ title: 'Privacy policy', locale: 'en', source: 'default' });
		// Every language now has a default text of its own (Arabic right to left).
		const ar = await getPageText(db, 'impressum', 'ar');
		expect(ar).toMatchObject({ locale: 'ar', source: 'default' });
		expect(ar.title).not.toBe('Impressum');
		expect((await getPageText(db, 'barrierefreiheit', 'de')).body).toContain('BITV 2.0');
	});

	it('a saved German text replaces the defaults in every language without its own text', async () => {
		const { db } = get();
		const saved = await savePageText({ db, actor: admin, now }, 'impressum', {
			locale: 'de',
			title: 'Impressum der Stadt Musterstadt',
			body: 'Stadt Musterstadt\r\nRathausplatz 1\r\n\r\nVertreten durch die Oberbürgermeisterin.'
		});
		expect(saved).toEqual({ ok: true, value: null });
		const de = await getPageText(db, 'impressum', 'de');
		expect(de).toMatchObject({
			title: 'Impressum der Stadt Musterstadt',
			locale: 'de',
			source: 'saved',
			updatedAt: now
		});
		expect(de.body).toBe('Stadt Musterstadt\nRathausplatz 1\n\nVertreten durch die Oberbürgermeisterin.');
		expect(await getPageText(db, 'impressum', 'en')).toMatchObject({
			title: 'Impressum der Stadt Musterstadt',
			locale: 'de'
		});
		expect(await getPageText(db, 'impressum', 'ar')).toMatchObject({ locale: 'de', source: 'saved' });
		// Other pages keep their defaults.
		expect(await getPageText(db, 'datenschutz', 'de')).toMatchObject({ source: 'default' });
	});

	it('a text in the language wins over German; saving again replaces it; each save is audited', async () => {
		const { db } = get();
		await savePageText({ db, actor: admin, now }, 'impressum', {
			locale: 'en',
			title: 'Legal notice',
			body: 'First'
		});
		const later = new Date('2026-11-24T08:00:00Z');
		await savePageText({ db, actor: admin, now: later }, 'impressum', {
			locale: 'en',
			title: 'Legal notice',
			body: 'Second'
		});
		expect(await getPageText(db, 'impressum', 'en')).toMatchObject({
			body: 'Second',
			locale: 'en',
			updatedAt: later
		});
		expect(await getPageText(db, 'impressum', 'de')).toMatchObject({
			title: 'Impressum der Stadt Musterstadt'
		});
		expect(await getSavedPageText(db, 'impressum', 'ar')).toBeNull();
		expect(await getSavedPageText(db, 'impressum', 'en')).toMatchObject({ body: 'Second' });
		const audit = await db
			.selectFrom('audit_log')
			.select(['actor_id', 'subject_type', 'subject_id'])
			.where('action', '=', 'page.save')
			.execute();
		expect(audit.filter((a) => a.subject_id === 'impressum/en')).toHaveLength(2);
		expect(audit.every((a) => a.actor_id === admin.id && a.subject_type === 'page')).toBe(true);
	});

	it('stores text exactly as written (markup is text) and refuses non-admins and empty texts', async () => {
		const { db } = get();
		const body = '<script>alert("x")</script>\n\n<b>fett</b>';
		expect(
			(await savePageText({ db, actor: admin, now }, 'barrierefreiheit', { locale: 'de', title: 'B', body }))
				.ok
		).toBe(true);
		expect((await getPageText(db, 'barrierefreiheit', 'de')).body).toBe(body);

		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		expect(
			await savePageText({ db, actor: planner, now }, 'impressum', { locale: 'de', title: 'X', body: 'Y' })
		).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(
			await savePageText({ db, actor: null, now }, 'impressum', { locale: 'de', title: 'X', body: 'Y' })
		).toEqual({
			ok: false,
			code: 'forbidden'
		});
		expect(
			await savePageText({ db, actor: admin, now }, 'impressum', { locale: 'de', title: ' ', body: 'Y' })
		).toEqual({
			ok: false,
			code: 'invalid'
		});
		expect(
			await savePageText({ db, actor: admin, now }, 'impressum', { locale: 'de', title: 'X', body: '\n \n' })
		).toEqual({
			ok: false,
			code: 'invalid'
		});
		expect((await getPageText(db, 'impressum', 'de')).title).toBe('Impressum der Stadt Musterstadt');
	});
});
