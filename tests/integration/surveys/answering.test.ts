// Answering surveys on both databases: start, save, resume, complete; anonymity; one-time codes
// (concurrent use counts once); one per account; staff entry.
import { expect, it } from 'vitest';
import {
	codeCounts,
	enterStaffResponse,
	generateSurveyCodes,
	newToken,
	participationState,
	saveResponsePage,
	startResponse
} from '../../../src/lib/server/surveys';
import { removeSurveyRespondent } from '../../../src/lib/server/surveys/personal-data';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, form, surveyFixture } from './fixtures';

describeEachDatabase('surveys: answering', (get) => {
	const db = () => get().db;

	it('answers page by page, resumes with the token, completes; anonymous rows hold no account', async () => {
		const areas = await insertAreaTree(db(), 'ka');
		const { found } = await surveyFixture(db(), { accessMode: 'anyone', anonymous: true }, 'ka-quartier');
		const userId = await insertUser(db());
		const actor = await actorFor(db(), userId);
		const browserToken = newToken();
		const ctx = ctxFor(db(), actor);
		const started = await startResponse(ctx, found, { browserToken });
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		const who = { browserToken, resumeToken: started.value.resumeToken };

		// a missing required answer keeps the page, with the error and what was typed
		const bad = await saveResponsePage(ctx, found, who, {
			page: 0,
			direction: 'next',
			form: form({ 'q.WOHNORT': areas.quartierA })
		});
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors?.ZUFR?.key).toBe('surveys.validation.required');

		const first = await saveResponsePage(ctx, found, who, {
			page: 0,
			direction: 'next',
			form: form({ 'q.WOHNORT': areas.quartierA, 'q.ZUFR': '2' })
		});
		expect(first).toEqual({ ok: true, value: { kind: 'page', page: 1 } });

		// "reload": a new request with only the token finds the response on page 2 with the answers
		const state = await participationState(ctxFor(db(), actor), found.survey, who);
		expect(state.state).toBe('in_progress');
		if (state.state !== 'in_progress') return;
		expect(state.response.page).toBe(1);
		expect(state.response.answers.ZUFR).toEqual({ type: 'single_choice', choice: '2' });

		const last = await saveResponsePage(ctx, found, who, {
			page: 1,
			direction: 'next',
			form: form({ 'q.WARUM': 'Zu laut', 'q.ALTER': '41' })
		});
		expect(last).toEqual({ ok: true, value: { kind: 'complete' } });

		const rows = await db().selectFrom('survey_response').selectAll().where('survey_id', '=', found.survey.id).execute();
		expect(rows).toHaveLength(1);
		const r = rows[0];
		expect(r.complete).toBe(true);
		expect(r.user_id).toBeNull();
		expect(r.entered_by).toBeNull();
		expect(r.resume_hash).toBeNull();
		// a date, never a time; and no other column could hold one
		expect(String(r.answered_on)).toMatch(/^\d{4}-\d{2}-\d{2}/);
		expect(Object.keys(r).sort()).toEqual(
			['answered_on', 'answers', 'channel', 'complete', 'entered_by', 'id', 'is_demo', 'page', 'resume_hash', 'survey_id', 'user_id'].sort()
		);
		const stored = JSON.stringify(r);
		expect(stored).not.toContain(userId);
		expect(stored).not.toContain(ctx.clientAddress);
		// per-area rows at every level of the area answer
		const areaRows = await db().selectFrom('survey_response_area').select('area_id').where('response_id', '=', r.id).execute();
		expect(new Set(areaRows.map((a) => a.area_id))).toEqual(new Set([areas.quartierA, areas.altstadt, areas.nord, areas.city]));

		// the same browser cannot answer again; the database refuses an account on an anonymous survey
		const again = await startResponse(ctxFor(db(), null), found, { browserToken });
		expect(again).toMatchObject({ ok: false, code: 'already_answered' });
		expect((await participationState(ctxFor(db(), null), found.survey, { browserToken })).state).toBe('answered');
		await expect(
			db().updateTable('survey_response').set({ user_id: userId }).where('id', '=', r.id).execute()
		).rejects.toThrow();
	});

	it('a one-time code counts once, also when used twice at the same moment, and cannot be joined', async () => {
		await insertAreaTree(db(), 'lb');
		const { found, manager } = await surveyFixture(db(), { accessMode: 'code', anonymous: true }, 'lb-quartier');
		const generated = await generateSurveyCodes(ctxFor(db(), manager), found.survey.id, { count: 3 });
		expect(generated.ok).toBe(true);
		if (!generated.ok) return;
		const [code, other] = generated.value.codes;
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

		const results = await Promise.all(
			[1, 2, 3, 4].map(() => startResponse(ctxFor(db(), null), found, {}, { code: code.toLowerCase() }))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['code_invalid', 'code_invalid', 'code_invalid']);
		expect(await codeCounts(ctxFor(db(), manager), found.survey.id)).toEqual({ total: 3, used: 1 });
		expect(await startResponse(ctxFor(db(), null), found, {}, { code: 'AAAA-AAAA' })).toMatchObject({ ok: false, code: 'code_invalid' });
		expect((await startResponse(ctxFor(db(), null), found, {}, { code: other })).ok).toBe(true);

		// no column of the code table refers to a response and none of the response to a code
		const codeCols = Object.keys((await db().selectFrom('survey_code').selectAll().executeTakeFirstOrThrow()) ?? {});
		expect(codeCols.sort()).toEqual(['code_hash', 'survey_id', 'used']);
		const responses = await db().selectFrom('survey_response').selectAll().where('survey_id', '=', found.survey.id).execute();
		const codes = await db().selectFrom('survey_code').select('code_hash').where('survey_id', '=', found.survey.id).execute();
		for (const r of responses) for (const c of codes) expect(JSON.stringify(r)).not.toContain(c.code_hash);
	});

	it('account mode: one response per account, resumed by the account when not anonymous; deletion', async () => {
		await insertAreaTree(db(), 'mc');
		const { found } = await surveyFixture(db(), { accessMode: 'account', anonymous: false }, 'mc-quartier');
		expect(await startResponse(ctxFor(db(), null), found, {})).toMatchObject({ ok: false, code: 'login_required' });
		const actor = await actorFor(db(), await insertUser(db()));
		const first = await startResponse(ctxFor(db(), actor), found, {});
		expect(first.ok).toBe(true);
		// another browser, same account: resumes, does not start a second response
		const state = await participationState(ctxFor(db(), actor), found.survey, {});
		expect(state.state).toBe('in_progress');
		expect(await startResponse(ctxFor(db(), actor), found, {})).toMatchObject({ ok: false, code: 'already_answered' });
		const rows = await db().selectFrom('survey_response').select(['user_id']).where('survey_id', '=', found.survey.id).execute();
		expect(rows).toEqual([{ user_id: actor.id }]);
		await db().transaction().execute((trx) => removeSurveyRespondent(trx, actor.id, 'anonymise'));
		const after = await db().selectFrom('survey_response').select(['user_id']).where('survey_id', '=', found.survey.id).execute();
		expect(after).toEqual([{ user_id: null }]);
	});

	it('staff enter paper answers in a row, tagged with channel and date', async () => {
		const areas = await insertAreaTree(db(), 'nd');
		const { found, manager } = await surveyFixture(db(), { accessMode: 'anyone', anonymous: false }, 'nd-quartier');
		const ctx = ctxFor(db(), manager);
		const a = await enterStaffResponse(ctx, found.survey.id, form({ channel: 'paper', answeredOn: '2026-11-20', 'q.WOHNORT': areas.quartierB, 'q.ZUFR': '1' }));
		const b = await enterStaffResponse(ctx, found.survey.id, form({ channel: 'interview', answeredOn: '2026-11-21', 'q.ZUFR': '2', 'q.WARUM': 'Verkehr' }));
		expect(a.ok && b.ok).toBe(true);
		const bad = await enterStaffResponse(ctx, found.survey.id, form({ channel: 'online', answeredOn: 'gestern', 'q.ALTER': 'zwölf' }));
		expect(bad.ok).toBe(false);
		if (!bad.ok) {
			expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['answeredOn', 'channel']);
			expect(bad.errors?.ALTER?.key).toBe('surveys.validation.number');
			expect(bad.raw?.ALTER).toBe('zwölf');
		}
		const rows = await db()
			.selectFrom('survey_response')
			.select(['channel', 'answered_on', 'complete', 'entered_by'])
			.where('survey_id', '=', found.survey.id)
			.orderBy('channel')
			.execute();
		expect(rows.map((r) => [r.channel, String(r.answered_on).slice(0, 10), r.complete, r.entered_by])).toEqual([
			['interview', '2026-11-21', true, manager.id],
			['paper', '2026-11-20', true, manager.id]
		]);
		// a resident may not enter answers (looks like a missing survey)
		const resident = await actorFor(db(), await insertUser(db()));
		expect(await enterStaffResponse(ctxFor(db(), resident), found.survey.id, form({ channel: 'paper', answeredOn: '2026-11-20' }))).toMatchObject({ ok: false, code: 'not_found' });
	});
});

