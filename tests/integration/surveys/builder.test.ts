// The builder's commands on both databases: saving a definition, refusing breaking changes once a
// response exists (wording fixes still pass), and the LimeSurvey import as one transaction.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';
import {
	createSurvey,
	getSurvey,
	importLssSurvey,
	readLssFile,
	saveSurveyDefinition
} from '../../../src/lib/server/surveys';
import type { QuestionnaireDefinition } from '../../../src/lib/questionnaire/definition';
import {
	addOption,
	addQuestion,
	newQuestion,
	removeOption,
	EMPTY_DEFINITION
} from '../../../src/lib/questionnaire/edits';

const lss = (name: string) => readFileSync(new URL(`../../fixtures/lss/${name}`, import.meta.url));

describeEachDatabase('survey builder', (get) => {
	async function setup() {
		const db = get().db;
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const resident = await actorFor(db, await insertUser(db));
		const consultation = await insertConsultation(db);
		const ctx = { db, actor: planner, now: new Date() };
		const created = await createSurvey(ctx, consultation.id, {
			title: 'Befragung Platz',
			accessMode: 'anyone',
			anonymous: 'on'
		});
		if (!created.ok) throw new Error(created.code);
		return { db, ctx, planner, resident, consultation, surveyId: created.value.id };
	}

	it('saves a definition; refuses bad references and strangers (looks missing)', async () => {
		const { db, ctx, resident, surveyId } = await setup();
		let def: QuestionnaireDefinition = addQuestion(
			EMPTY_DEFINITION,
			newQuestion(EMPTY_DEFINITION, 'single_choice', 'Wie oft?')
		);
		def = addQuestion(def, {
			...newQuestion(def, 'long_text', 'Warum?'),
			condition: { combinator: 'and', clauses: [{ question: 'F1', op: 'equals', value: 'A1' }] }
		});
		const saved = await saveSurveyDefinition(ctx, surveyId, def);
		expect(saved.ok).toBe(true);
		expect((await getSurvey(db, surveyId))!.definition.questions.map((q) => q.key)).toEqual(['F1', 'F2']);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action'])
			.where('subject_id', '=', surveyId)
			.execute();
		expect(audit.map((a) => a.action)).toContain('survey.questions');

		const backwards = { ...def, questions: [...def.questions].reverse() };
		expect(await saveSurveyDefinition(ctx, surveyId, backwards)).toMatchObject({
			ok: false,
			code: 'problems'
		});
		expect(
			await saveSurveyDefinition(ctx, surveyId, { version: 1, questions: [{ key: '1x', type: 'yes_no' }] })
		).toMatchObject({ ok: false, code: 'invalid' });
		expect(await saveSurveyDefinition({ ...ctx, actor: resident }, surveyId, def)).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect((await getSurvey(db, surveyId))!.definition).toEqual(def);
	});

	it('after the first answer refuses breaking changes with reasons and keeps the stored definition', async () => {
		const { db, ctx, surveyId } = await setup();
		let def = addQuestion(EMPTY_DEFINITION, newQuestion(EMPTY_DEFINITION, 'single_choice', 'Wie oft?'));
		def = addQuestion(def, newQuestion(def, 'scale', 'Wie zufrieden?'));
		expect((await saveSurveyDefinition(ctx, surveyId, def)).ok).toBe(true);
		// Before any answer, removing an option is fine.
		const fewer = removeOption(def, 'F1', 'A2');
		expect((await saveSurveyDefinition(ctx, surveyId, fewer)).ok).toBe(true);
		expect((await saveSurveyDefinition(ctx, surveyId, def)).ok).toBe(true);

		await db
			.insertInto('survey_response')
			.values({
				survey_id: surveyId,
				answered_on: '2026-12-01',
				complete: true,
				answers: JSON.stringify({ F1: { type: 'single_choice', choice: 'A2' } })
			})
			.execute();

		const breaking = await saveSurveyDefinition(ctx, surveyId, {
			...fewer,
			questions: fewer.questions.map((q) => (q.type === 'scale' ? { ...q, max: 7 } : q))
		});
		expect(breaking).toEqual({
			ok: false,
			code: 'breaking',
			responses: 1,
			changes: [
				{ key: 'F1', reason: 'breaking.optionRemoved', ref: 'A2' },
				{ key: 'F2', reason: 'breaking.scale' }
			]
		});
		expect((await getSurvey(db, surveyId))!.definition).toEqual(def);

		// A wording fix, a translation and a new option still pass.
		const wording = addOption(
			{
				...def,
				questions: def.questions.map((q) =>
					q.key === 'F1' ? { ...q, text: { de: 'Wie häufig?', en: 'How often?' } } : q
				)
			},
			'F1',
			'Nie'
		);
		expect((await saveSurveyDefinition(ctx, surveyId, wording)).ok).toBe(true);
		expect((await getSurvey(db, surveyId))!.definition.questions[0].text).toEqual({
			de: 'Wie häufig?',
			en: 'How often?'
		});
	});

	it('imports both .lss fixtures as draft surveys with translations; a stranger imports nothing', async () => {
		const { db, ctx, resident, consultation } = await setup();
		for (const name of ['limesurvey3-buergerbefragung.lss', 'limesurvey6-leitbild.lss']) {
			const read = readLssFile(lss(name));
			if (!read.ok) throw new Error(read.error);
			const r = await importLssSurvey(ctx, consultation.id, read.value);
			if (!r.ok) throw new Error(r.code);
			const s = (await getSurvey(db, r.value.id))!;
			expect(s.status).toBe('draft');
			expect(s.title).toBe(read.value.title);
			expect(s.translations.en?.title).toBe(read.value.translations.en?.title);
			expect(s.definition).toEqual(read.value.definition);
		}
		const before = await db
			.selectFrom('questionnaire')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		const read = readLssFile(lss('limesurvey6-leitbild.lss'));
		if (!read.ok) throw new Error(read.error);
		expect(await importLssSurvey({ ...ctx, actor: resident }, consultation.id, read.value)).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect(await importLssSurvey(ctx, '00000000-0000-4000-8000-000000000000', read.value)).toEqual({
			ok: false,
			code: 'not_found'
		});
		// The survey row fails after the questionnaire row was written (a NUL byte the database refuses):
		// the transaction rolls the questionnaire back too — nothing is half-imported.
		await expect(
			importLssSurvey(ctx, consultation.id, { ...read.value, intro: 'kaputt \u0000' })
		).rejects.toThrow();
		const after = await db
			.selectFrom('questionnaire')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('refuses files that are not LimeSurvey structures, by content', () => {
		expect(readLssFile(new Uint8Array())).toEqual({ ok: false, error: 'lss.error.empty' });
		expect(readLssFile(new TextEncoder().encode('%PDF-1.4 …'))).toEqual({
			ok: false,
			error: 'lss.error.notLimeSurvey'
		});
		expect(readLssFile(new Uint8Array([0xff, 0xfe, 0x00, 0xd8]))).toEqual({
			ok: false,
			error: 'lss.error.encoding'
		});
		const bomb =
			'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>';
		expect(readLssFile(new TextEncoder().encode(bomb))).toEqual({
			ok: false,
			error: 'lss.error.notLimeSurvey'
		});
		expect(readLssFile(new Uint8Array(5_000_001))).toEqual({ ok: false, error: 'lss.error.tooLarge' });
	});
});
