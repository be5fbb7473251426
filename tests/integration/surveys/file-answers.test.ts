// File questions on both databases: an image is accepted (EXIF gone, neutral name in an anonymous
// survey), kept while the response is unfinished (resume), refused by content (polyglot, wrong kind,
// oversize, PDF with JavaScript) with a German field error while the other answers stay; files leave
// with their removal, their response (trigger + orphan clean-up) and their account.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import type { QuestionnaireDefinition } from '../../../src/lib/questionnaire';
import { createLocalStorage } from '../../../src/lib/server/storage';
import {
	getSurvey,
	listSurveyFiles,
	newToken,
	participationState,
	readSurveyFile,
	saveQuestionnaireDefinition,
	saveResponsePage,
	setSurveyStatus,
	startResponse,
	type RespondentSurvey
} from '../../../src/lib/server/surveys';
import { removeSurveyRespondent, surveyPersonalData } from '../../../src/lib/server/surveys/personal-data';
import { cleanupOrphanedUploads } from '../../../src/lib/server/uploads/orphans';
import { jpegWithExif } from '../contributions/fixtures';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, surveyFixture } from './fixtures';

const roots: string[] = [];
afterAll(async () => {
	for (const r of roots) await fs.rm(r, { recursive: true, force: true });
});
async function tempStorage() {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'qk-survey-files-'));
	roots.push(root);
	return createLocalStorage(root);
}

const de = translator('de');
const enc = (s: string) => new TextEncoder().encode(s);
const pdf = (body = '') =>
	enc(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog ${body} >>\nendobj\ntrailer\n<<>>\n%%EOF\n`);

const DEFINITION: QuestionnaireDefinition = {
	version: 1,
	questions: [
		{
			key: 'FOTO',
			type: 'file',
			required: true,
			accept: ['image', 'pdf'],
			maxBytes: 50_000,
			maxFiles: 2,
			text: { de: 'Ein Foto der Stelle' }
		},
		{ key: 'ALTER', type: 'number', required: true, integer: true, min: 0, max: 120, text: { de: 'Alter' } }
	]
};

function pageForm(
	fields: Record<string, string>,
	files: { name: string; bytes: Uint8Array; type: string }[] = []
) {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.append(k, v);
	for (const file of files)
		f.append('q.FOTO', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
	return f;
}

describeEachDatabase('surveys: file answers', (get) => {
	const db = () => get().db;

	async function fileSurvey(anonymous: boolean): Promise<RespondentSurvey> {
		const { found, manager } = await surveyFixture(
			db(),
			{ accessMode: anonymous ? 'anyone' : 'account', anonymous },
			'x'
		);
		const ctx = ctxFor(db(), manager);
		// back to draft to replace the questions, then open again (no answers yet)
		await db().updateTable('survey').set({ status: 'draft' }).where('id', '=', found.survey.id).execute();
		const saved = await saveQuestionnaireDefinition(ctx, found.survey.id, DEFINITION);
		if (!saved.ok) throw new Error(JSON.stringify(saved));
		const opened = await setSurveyStatus(ctx, found.survey.id, 'open');
		if (!opened.ok) throw new Error(opened.code);
		return { ...found, survey: (await getSurvey(db(), found.survey.id))! };
	}

	it('accepts an image without its EXIF, keeps it on resume, refuses bad files with the other answers kept', async () => {
		const storage = await tempStorage();
		const found = await fileSurvey(true);
		const ctx = ctxFor(db(), null, { storage });
		const browserToken = newToken();
		const started = await startResponse(ctx, found, { browserToken });
		if (!started.ok) throw new Error(started.code);
		const who = { browserToken, resumeToken: started.value.resumeToken };
		const save = (form: FormData) => saveResponsePage(ctx, found, who, { page: 0, direction: 'next', form });

		// refused by content: HTML claiming to be a JPEG, a PDF with JavaScript, an oversize image;
		// each with a German field error, the typed age kept, nothing stored
		const refusals: [{ name: string; bytes: Uint8Array; type: string }, string][] = [
			[
				{ name: 'foto.jpg', bytes: enc('<html><script>alert(1)</script></html>'), type: 'image/jpeg' },
				'fileType'
			],
			[
				{
					name: 'plan.pdf',
					bytes: pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
					type: 'application/pdf'
				},
				'fileUnsafe'
			],
			[{ name: 'gross.jpg', bytes: new Uint8Array(60_000).fill(0xff), type: 'image/jpeg' }, 'fileTooLarge']
		];
		for (const [file, key] of refusals) {
			const r = await save(pageForm({ 'q.ALTER': '41' }, [file]));
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.code).toBe('invalid');
			expect(r.errors?.FOTO?.key).toBe(`surveys.validation.${key}`);
			expect(r.answers?.ALTER).toEqual({ type: 'number', number: 41 });
			expect(r.answers?.FOTO).toBeUndefined();
		}
		expect(de('surveys.validation.fileType')).toMatch(/keine erlaubte Dateiart/);
		expect(de('surveys.validation.fileTooLarge', { name: 'gross.jpg', mb: 0.1 })).toBe(
			'Die Datei „gross.jpg“ ist zu groß: höchstens 0.1 MB je Datei.'
		);
		expect(await storage.list('surveys/')).toEqual([]);
		expect(await db().selectFrom('survey_response_file').selectAll().execute()).toEqual([]);

		// a good image while another answer is wrong: the file is saved at once (a file input cannot be
		// filled again), the page shows the error
		const withExif = jpegWithExif();
		const partial = await save(
			pageForm({ 'q.ALTER': 'zwölf' }, [{ name: 'Max Mustermann.jpg', bytes: withExif, type: 'image/jpeg' }])
		);
		expect(partial.ok).toBe(false);
		if (partial.ok) return;
		expect(partial.errors?.ALTER?.key).toBe('surveys.validation.number');
		expect(partial.raw?.ALTER).toBe('zwölf');
		const saved = partial.answers?.FOTO;
		expect(saved?.type === 'file' && saved.files.map((f) => f.name)).toEqual(['datei-1.jpg']);

		// resume: a new request finds the file in the unfinished response
		const state = await participationState(ctxFor(db(), null, { storage }), found.survey, who);
		if (state.state !== 'in_progress') throw new Error(state.state);
		expect(state.response.answers.FOTO).toEqual(saved);

		// stored through the storage module, without the GPS text, no account, neutral name, no time
		const [stored] = await storage.list('surveys/');
		expect(stored.key).toMatch(new RegExp(`^surveys/${found.survey.id}/[0-9a-f-]{36}\\.jpg$`));
		const bytes = (await storage.get(stored.key))!;
		expect(Buffer.from(bytes).toString('latin1')).not.toContain('GPSLatitude');
		expect(bytes.length).toBeLessThan(withExif.length);
		const upload = await db()
			.selectFrom('upload')
			.selectAll()
			.where('storage_key', '=', stored.key)
			.executeTakeFirstOrThrow();
		expect(upload.owner_id).toBeNull();
		expect(new Date(upload.created_at).toISOString()).toMatch(/T00:00:00\.000Z$/);

		// three files where two are allowed: refused, the saved one stays
		const tooMany = await save(
			pageForm({ 'q.ALTER': '41' }, [
				{ name: 'a.png', bytes: withExif, type: 'image/jpeg' },
				{ name: 'b.pdf', bytes: pdf(), type: 'application/pdf' }
			])
		);
		expect(tooMany.ok).toBe(false);
		if (!tooMany.ok)
			expect(tooMany.errors?.FOTO).toEqual({ key: 'surveys.validation.fileCount', params: { count: 2 } });

		// a PDF besides the image, then completes
		const done = await save(
			pageForm({ 'q.ALTER': '41' }, [{ name: 'plan.pdf', bytes: pdf(), type: 'application/pdf' }])
		);
		expect(done).toEqual({ ok: true, value: { kind: 'complete' } });
		const files = await listSurveyFiles(db(), found.survey.id);
		expect(files.map((f) => [f.name, f.contentType])).toEqual([
			['datei-1.jpg', 'image/jpeg'],
			['datei-2.pdf', 'application/pdf']
		]);
		expect(await storage.list('surveys/')).toHaveLength(2);
		const read = await readSurveyFile(
			{ db: db(), storage, now: new Date(), actor: null },
			found.survey.id,
			files[1].uploadId
		);
		expect(new TextDecoder().decode(read!.data.slice(0, 5))).toBe('%PDF-');

		// deleting the response removes file rows and upload rows (trigger); the clean-up the files
		const response = await db()
			.selectFrom('survey_response')
			.select('id')
			.where('survey_id', '=', found.survey.id)
			.executeTakeFirstOrThrow();
		await db().deleteFrom('survey_response').where('id', '=', response.id).execute();
		expect(await db().selectFrom('survey_response_file').selectAll().execute()).toEqual([]);
		expect(
			await db().selectFrom('upload').select('id').where('storage_key', 'like', 'surveys/%').execute()
		).toEqual([]);
		const cleaned = await cleanupOrphanedUploads(db(), storage, {
			now: new Date(Date.now() + 60_000),
			minAgeMs: 0
		});
		expect(cleaned.orphans).toBe(2);
		expect(await storage.list('surveys/')).toEqual([]);
	});

	it('limits saves with files per response: the 21st within an hour is refused', async () => {
		const storage = await tempStorage();
		const found = await fileSurvey(true);
		const ctx = ctxFor(db(), null, { storage });
		const browserToken = newToken();
		const started = await startResponse(ctx, found, { browserToken });
		if (!started.ok) throw new Error(started.code);
		const who = { browserToken, resumeToken: started.value.resumeToken };
		const notAPhoto = { name: 'x.jpg', bytes: enc('nope'), type: 'image/jpeg' };
		for (let i = 0; i < 20; i++) {
			const r = await saveResponsePage(ctx, found, who, {
				page: 0,
				direction: 'next',
				form: pageForm({}, [notAPhoto])
			});
			expect(!r.ok && r.errors?.FOTO?.key).toBe('surveys.validation.fileType');
		}
		const limited = await saveResponsePage(ctx, found, who, {
			page: 0,
			direction: 'next',
			form: pageForm({}, [notAPhoto])
		});
		expect(!limited.ok && limited.errors?.FOTO?.key).toBe('surveys.validation.fileRateLimited');
		// without files the page still saves
		const plain = await saveResponsePage(ctx, found, who, {
			page: 0,
			direction: 'next',
			form: pageForm({ 'q.ALTER': '5' })
		});
		expect(!plain.ok && plain.errors?.FOTO?.key).toBe('surveys.validation.required');
	});

	it('removes a ticked file; lists the files in the personal data; deletes them with the account', async () => {
		const storage = await tempStorage();
		const found = await fileSurvey(false);
		const userId = await insertUser(db());
		const actor = await actorFor(db(), userId);
		const ctx = ctxFor(db(), actor, { storage });
		const started = await startResponse(ctx, found, {});
		if (!started.ok) throw new Error(started.code);
		const who = { resumeToken: started.value.resumeToken };
		const save = (form: FormData) => saveResponsePage(ctx, found, who, { page: 0, direction: 'next', form });

		const first = await save(pageForm({}, [{ name: 'Hof.jpg', bytes: jpegWithExif(), type: 'image/jpeg' }]));
		expect(first.ok).toBe(false);
		const kept = !first.ok && first.answers?.FOTO?.type === 'file' ? first.answers.FOTO.files : [];
		expect(kept.map((f) => f.name)).toEqual(['Hof.jpg']);

		// tick "remove" and send another file: the first goes from the database and the storage
		const second = await save(
			pageForm({ 'q.ALTER': '30', 'q.FOTO.remove': kept[0].uploadId }, [
				{ name: '../../Lageplan.pdf', bytes: pdf(), type: 'application/pdf' }
			])
		);
		expect(second).toEqual({ ok: true, value: { kind: 'complete' } });
		const files = await listSurveyFiles(db(), found.survey.id);
		expect(files.map((f) => f.name)).toEqual(['Lageplan.pdf']);
		expect((await storage.list('surveys/')).map((o) => o.key)).toHaveLength(1);

		const section = surveyPersonalData.find((s) => s.key === 'surveyResponses')!;
		const collected = (await section.collect(db(), userId)) as { files: { name: string; survey: string }[] };
		expect(collected.files).toEqual([
			expect.objectContaining({
				name: 'Lageplan.pdf',
				survey: found.survey.title,
				contentType: 'application/pdf'
			})
		]);

		const removed = await db()
			.transaction()
			.execute((trx) => removeSurveyRespondent(trx, userId, 'anonymise'));
		expect(removed.files).toHaveLength(1);
		for (const key of removed.files) await storage.delete(key);
		expect(await storage.list('surveys/')).toEqual([]);
		const response = await db()
			.selectFrom('survey_response')
			.selectAll()
			.where('survey_id', '=', found.survey.id)
			.executeTakeFirstOrThrow();
		expect(response.user_id).toBeNull();
		expect(Object.keys(response.answers as object)).toEqual(['ALTER']);
		expect(await listSurveyFiles(db(), found.survey.id)).toEqual([]);
	});
});
