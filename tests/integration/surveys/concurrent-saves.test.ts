// Saves at the same moment on both databases: a page save is a compare-and-set write on the row
// version it read, so concurrent saves of one response are applied one after the other — none is
// lost, none fails; a response completes once (its areas written once); a browser starts once.
// Only the areas an answer names are checked, at the levels the survey's area questions use.
import { expect, it } from 'vitest';
import { newToken, saveResponsePage, startResponse } from '../../../src/lib/server/surveys';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, form, surveyFixture } from './fixtures';

describeEachDatabase('surveys: concurrent saves', (get) => {
	const db = () => get().db;

	async function started(prefix: string) {
		const areas = await insertAreaTree(db(), prefix);
		const { found } = await surveyFixture(
			db(),
			{ accessMode: 'anyone', anonymous: true },
			`${prefix}-quartier`
		);
		const browserToken = newToken();
		const start = await startResponse(ctxFor(db(), null), found, { browserToken });
		if (!start.ok) throw new Error(start.code);
		return { areas, found, who: { browserToken, resumeToken: start.value.resumeToken } };
	}

	const stored = async (surveyId: string) =>
		db()
			.selectFrom('survey_response')
			.select(['id', 'answers', 'page', 'complete'])
			.where('survey_id', '=', surveyId)
			.executeTakeFirstOrThrow();

	it('saves of two pages at once both land: no answer is lost, no save fails', async () => {
		const { areas, found, who } = await started('cs');
		const first = await saveResponsePage(ctxFor(db(), null), found, who, {
			page: 0,
			direction: 'next',
			form: form({ 'q.WOHNORT': areas.quartierA, 'q.ZUFR': '2' })
		});
		expect(first).toEqual({ ok: true, value: { kind: 'page', page: 1 } });

		// page 1 goes back keeping its answer while page 0 is sent again three times with other areas
		const wohnorte = [areas.quartierB, areas.quartierC, areas.quartierA];
		const results = await Promise.all([
			saveResponsePage(ctxFor(db(), null), found, who, {
				page: 1,
				direction: 'back',
				form: form({ 'q.WARUM': 'Zu laut am Abend', 'q.ALTER': '41' })
			}),
			...wohnorte.map((w) =>
				saveResponsePage(ctxFor(db(), null), found, who, {
					page: 0,
					direction: 'next',
					form: form({ 'q.WOHNORT': w, 'q.ZUFR': '2' })
				})
			)
		]);
		expect(results).toEqual([
			{ ok: true, value: { kind: 'page', page: 0 } },
			{ ok: true, value: { kind: 'page', page: 1 } },
			{ ok: true, value: { kind: 'page', page: 1 } },
			{ ok: true, value: { kind: 'page', page: 1 } }
		]);
		const row = await stored(found.survey.id);
		const answers = row.answers as Record<string, { type: string; [k: string]: unknown }>;
		// the answers of page 1 survived every save of page 0, and page 0 holds one whole save
		expect(answers.WARUM).toEqual({ type: 'long_text', text: 'Zu laut am Abend' });
		expect(answers.ALTER).toEqual({ type: 'number', number: 41 });
		expect(answers.ZUFR).toEqual({ type: 'single_choice', choice: '2' });
		expect(wohnorte).toContain(answers.WOHNORT.areaId);
		expect(row.complete).toBe(false);
	});

	it('completing twice at once completes once, with its areas written once', async () => {
		const { areas, found, who } = await started('dt');
		await saveResponsePage(ctxFor(db(), null), found, who, {
			page: 0,
			direction: 'next',
			form: form({ 'q.WOHNORT': areas.quartierC, 'q.ZUFR': '1' })
		});
		const results = await Promise.all(
			['30', '31', '32'].map((alter) =>
				saveResponsePage(ctxFor(db(), null), found, who, {
					page: 1,
					direction: 'next',
					form: form({ 'q.ALTER': alter })
				})
			)
		);
		expect(results.filter((r) => r.ok)).toEqual([{ ok: true, value: { kind: 'complete' } }]);
		// the others find no response: a completed anonymous response keeps no link to the browser
		// (the page then sends them to the survey's start page, which says it was answered)
		expect(results.filter((r) => !r.ok)).toEqual([
			{ ok: false, code: 'not_found' },
			{ ok: false, code: 'not_found' }
		]);
		const row = await stored(found.survey.id);
		expect(row.complete).toBe(true);
		const areaRows = await db()
			.selectFrom('survey_response_area')
			.select(['area_id', 'question_key'])
			.where('response_id', '=', row.id)
			.execute();
		expect(areaRows.map((r) => r.area_id).sort()).toEqual(
			[areas.quartierC, areas.hafen, areas.sued, areas.city].sort()
		);
		expect(new Set(areaRows.map((r) => r.question_key))).toEqual(new Set(['WOHNORT']));
	});

	it('one browser starting twice at once gets one response', async () => {
		await insertAreaTree(db(), 'eu');
		const { found } = await surveyFixture(db(), { accessMode: 'anyone', anonymous: true }, 'eu-quartier');
		const browserToken = newToken();
		const results = await Promise.all(
			[1, 2, 3].map(() => startResponse(ctxFor(db(), null), found, { browserToken }))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual([
			'already_answered',
			'already_answered'
		]);
		const rows = await db()
			.selectFrom('survey_response')
			.select('id')
			.where('survey_id', '=', found.survey.id)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('checks only the named area, at the level of the area question', async () => {
		const { areas, found, who } = await started('fv');
		const ctx = ctxFor(db(), null);
		// a Stadtteil for a Quartier question, an unknown id, something that is no id
		for (const value of [areas.altstadt, '00000000-0000-4000-8000-000000000000', 'quartier-a']) {
			const saved = await saveResponsePage(ctx, found, who, {
				page: 0,
				direction: 'next',
				form: form({ 'q.WOHNORT': value, 'q.ZUFR': '1' })
			});
			expect(saved).toMatchObject({
				ok: false,
				code: 'invalid',
				errors: { WOHNORT: { key: 'surveys.validation.areaInvalid' } }
			});
		}
		// an area that is no longer current is refused too
		await db()
			.updateTable('area')
			.set({ valid_to: '2026-01-01' })
			.where('id', '=', areas.quartierB)
			.execute();
		expect(
			await saveResponsePage(ctx, found, who, {
				page: 0,
				direction: 'next',
				form: form({ 'q.WOHNORT': areas.quartierB, 'q.ZUFR': '1' })
			})
		).toMatchObject({ ok: false, code: 'invalid' });
		expect(
			await saveResponsePage(ctx, found, who, {
				page: 0,
				direction: 'next',
				form: form({ 'q.WOHNORT': areas.quartierA, 'q.ZUFR': '1' })
			})
		).toEqual({ ok: true, value: { kind: 'page', page: 1 } });
	});

	it('audits a completion of a non-anonymous survey once, of an anonymous one never', async () => {
		const areas = await insertAreaTree(db(), 'gw');
		const actor = await actorFor(db(), await insertUser(db()));
		const audits = (surveyId: string) =>
			db()
				.selectFrom('audit_log')
				.select(['actor_id', 'action', 'created_at'])
				.where('subject_id', '=', surveyId)
				.where('action', '=', 'survey.answer')
				.execute();
		for (const anonymous of [false, true]) {
			const { found } = await surveyFixture(db(), { accessMode: 'account', anonymous }, 'gw-quartier');
			const ctx = ctxFor(db(), actor);
			const start = await startResponse(ctx, found, {});
			if (!start.ok) throw new Error(start.code);
			const who = { resumeToken: start.value.resumeToken };
			await saveResponsePage(ctx, found, who, {
				page: 0,
				direction: 'next',
				form: form({ 'q.WOHNORT': areas.quartierA, 'q.ZUFR': '1' })
			});
			const done = await Promise.all(
				[1, 2].map(() =>
					saveResponsePage(ctx, found, who, { page: 1, direction: 'next', form: form({ 'q.ALTER': '50' }) })
				)
			);
			expect(done.filter((d) => d.ok)).toEqual([{ ok: true, value: { kind: 'complete' } }]);
			const rows = await audits(found.survey.id);
			if (anonymous) expect(rows).toEqual([]);
			else {
				expect(rows).toHaveLength(1);
				expect(rows[0].actor_id).toBe(actor.id);
				expect(new Date(rows[0].created_at).getTime()).toBe(ctx.now.getTime());
			}
		}
	});
});
