// A consultation's texts in other languages: managers save one language at a time, others stay;
// empty fields fall back to German; nobody else may change them.
import { expect, it } from 'vitest';
import { getConsultationById, saveConsultationTranslation } from '../../../src/lib/server/consultations';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

describeEachDemoDatabase('consultation texts in other languages', (get) => {
	it('keeps each language, removes an emptied one, and refuses people who do not manage it', async () => {
		const db = get().db;
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const resident = await actorFor(db, await insertUser(db));
		const c = await insertConsultation(db);
		const ctx = (actor: typeof planner) => ({ db, actor, now: new Date() });

		expect(
			await saveConsultationTranslation(ctx(planner), c.id, { language: 'en', title: 'The market square' })
		).toEqual({ ok: true, value: { language: 'en' } });
		expect(
			(
				await saveConsultationTranslation(ctx(planner), c.id, {
					language: 'tr',
					title: 'Pazar meydanı',
					summary: 'Kısa'
				})
			).ok
		).toBe(true);
		let detail = await getConsultationById(db, c.id, planner);
		expect(detail?.translations).toEqual({
			en: { title: 'The market square' },
			tr: { title: 'Pazar meydanı', summary: 'Kısa' }
		});

		// Emptying every field of a language removes it; German stays untouched.
		expect((await saveConsultationTranslation(ctx(planner), c.id, { language: 'en', title: '  ' })).ok).toBe(
			true
		);
		detail = await getConsultationById(db, c.id, planner);
		expect(detail?.translations).toEqual({ tr: { title: 'Pazar meydanı', summary: 'Kısa' } });
		expect(detail?.title).toMatch(/^Testverfahren/);

		// A resident, German as a "translation", too long a title: refused, nothing changed.
		expect(await saveConsultationTranslation(ctx(resident), c.id, { language: 'en', title: 'X' })).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect((await saveConsultationTranslation(ctx(planner), c.id, { language: 'de', title: 'X' })).ok).toBe(
			false
		);
		const long = await saveConsultationTranslation(ctx(planner), c.id, {
			language: 'en',
			title: 'x'.repeat(201)
		});
		expect(long).toMatchObject({
			ok: false,
			code: 'invalid',
			errors: { title: 'consultations.error.too_long' }
		});
		expect((await getConsultationById(db, c.id, planner))?.translations).toEqual({
			tr: { title: 'Pazar meydanı', summary: 'Kısa' }
		});
		const audit = await db.selectFrom('audit_log').select('action').where('subject_id', '=', c.id).execute();
		expect(audit.filter((a) => a.action === 'consultation.translate')).toHaveLength(3);
	});
});
