// A survey tied to an area (issue 12, the planner's door-to-door survey): the outreach link's pre-fill
// gives the create form the area, a title and code access; creating keeps the area (a German error for
// an unknown or outdated area, with what was typed); the manage page shows it; responses that name no
// area of residence count for the area and every area above it in "Wer wurde erreicht", those that
// name one only where they say; a published result of the survey is shown in the area's view.
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { DB } from '../../../src/lib/server/db/types';
import { reachByArea } from '../../../src/lib/server/planning/reach';
import {
	listPublishedSurveys,
	publishedForArea,
	publishSurveyResults
} from '../../../src/lib/server/survey-results';
import { createSurvey, getSurvey, updateSurveySettings } from '../../../src/lib/server/surveys';
import { actions, load } from '../../../src/routes/beteiligung/[slug]/befragung/+page.server';
import { load as manageLoad } from '../../../src/routes/beteiligung/[slug]/befragung/[id]/verwalten/+page.server';
import { insertConsultation } from '../contributions/fixtures';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { resultsFixture } from '../survey-results/fixtures';
import { ctxFor } from './fixtures';

const RULES = { minPopulation: 1000, minCount: 3 };

type Fn = (event: unknown) => Promise<unknown>;
async function call(fn: unknown, event: unknown) {
	try {
		return await (fn as Fn)(event);
	} catch (e) {
		if (isRedirect(e)) return { redirected: e.location };
		throw e;
	}
}

async function surveyConsultation(db: Kysely<DB>, areaIds: string[]) {
	const c = await insertConsultation(db, { status: 'published', areaIds });
	await db
		.updateTable('consultation')
		.set({ modules: ['surveys'] })
		.where('id', '=', c.id)
		.execute();
	return c;
}

describeEachDatabase('surveys tied to an area', (get) => {
	const prefix = `sa${Math.random().toString(36).slice(2, 6)}`;
	let tree: AreaTree;
	let planner: Actor;

	beforeAll(async () => {
		const db = get().db;
		tree = await insertAreaTree(db, prefix);
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
	}, 120_000);

	const locals = () => ({ ctx: authContext(get(), { actor: planner }) });

	it('pre-fills the create form from the outreach link: area, title and code access', async () => {
		const c = await surveyConsultation(get().db, [tree.altstadt]);
		const url = new URL(
			`https://quartier.example/beteiligung/${c.slug}/befragung?gebiet=${prefix}-112&zugang=code`
		);
		const data = (await call(load, { locals: locals(), params: { slug: c.slug }, url })) as {
			prefill: Record<string, string>;
			areas: { id: string; name: string; levelName: string }[];
		};
		expect(data.prefill).toEqual({
			accessMode: 'code',
			title: 'Haustürbefragung Quartier B',
			areaId: tree.quartierB
		});
		// The picker offers every current area, the pre-filled one among them.
		expect(data.areas.find((a) => a.id === tree.quartierB)).toEqual({
			id: tree.quartierB,
			name: 'Quartier B',
			levelName: 'Quartier'
		});
		// An unknown key pre-fills nothing; a resident gets no pre-fill and no picker.
		const none = (await call(load, {
			locals: locals(),
			params: { slug: c.slug },
			url: new URL(`https://quartier.example/beteiligung/${c.slug}/befragung?gebiet=nix`)
		})) as { prefill: Record<string, string> };
		expect(none.prefill).toEqual({});
		const resident = await actorFor(get().db, await insertUser(get().db));
		const asResident = (await call(load, {
			locals: { ctx: authContext(get(), { actor: resident }) },
			params: { slug: c.slug },
			url
		})) as { prefill: Record<string, string>; areas: unknown[] };
		expect(asResident.prefill).toEqual({});
		expect(asResident.areas).toEqual([]);
	});

	it('creates the survey with its area; an outdated or unknown area is refused in German with the typed values', async () => {
		const db = get().db;
		const c = await surveyConsultation(db, [tree.altstadt]);
		const post = (fields: Record<string, string>) => {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.set(k, v);
			return new Request(`https://quartier.example/beteiligung/${c.slug}/befragung?/create`, {
				method: 'POST',
				body
			});
		};
		const fields = {
			title: 'Aufsuchende Befragung in Quartier B',
			accessMode: 'code',
			anonymous: 'on',
			layout: 'pages'
		};
		const bad = await call(actions.create, {
			locals: locals(),
			params: { slug: c.slug },
			request: post({ ...fields, areaId: '00000000-0000-4000-8000-000000000000' })
		});
		expect(isActionFailure(bad)).toBe(true);
		const failure = bad as {
			status: number;
			data: { errors: Record<string, string>; values: Record<string, string> };
		};
		expect(failure.status).toBe(400);
		expect(failure.data.errors.areaId).toBe('Bitte wählen Sie ein Gebiet aus der Liste.');
		expect(failure.data.values.title).toBe(fields.title);
		const notUuid = (await call(actions.create, {
			locals: locals(),
			params: { slug: c.slug },
			request: post({ ...fields, areaId: 'quartier-b' })
		})) as { data: { errors: Record<string, string> } };
		expect(notUuid.data.errors.areaId).toBe('Bitte wählen Sie ein Gebiet aus der Liste.');
		// An area version replaced by a newer one cannot be chosen for a new survey.
		const old = await db
			.insertInto('area')
			.values({
				level_id: (
					await db
						.selectFrom('area')
						.select('level_id')
						.where('id', '=', tree.quartierB)
						.executeTakeFirstOrThrow()
				).level_id,
				key: `${prefix}-112`,
				name: 'Quartier B (alt)',
				parent_id: tree.altstadt,
				valid_from: '2001-01-01',
				valid_to: '2010-01-01'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const outdated = await createSurvey(ctxFor(db, planner), c.id, { ...fields, areaId: old.id });
		expect(outdated).toMatchObject({
			ok: false,
			code: 'invalid',
			errors: { areaId: 'surveys.errors.areaInvalid' }
		});

		const ok = (await call(actions.create, {
			locals: locals(),
			params: { slug: c.slug },
			request: post({ ...fields, areaId: tree.quartierB })
		})) as { redirected: string };
		const id = ok.redirected.match(/befragung\/([0-9a-f-]{36})\/verwalten$/)![1];
		const survey = (await getSurvey(db, id))!;
		expect(survey.areaId).toBe(tree.quartierB);
		expect(survey.accessMode).toBe('code');

		// The manage page shows the area and keeps it in the settings form.
		const manage = (await call(manageLoad, {
			locals: locals(),
			params: { slug: c.slug, id },
			url: new URL(`https://quartier.example/beteiligung/${c.slug}/befragung/${id}/verwalten`)
		})) as { survey: { area: { name: string; levelName: string } | null }; values: Record<string, string> };
		expect(manage.survey.area).toEqual({ name: 'Quartier B', levelName: 'Quartier' });
		expect(manage.values.areaId).toBe(tree.quartierB);

		// Changing it: another area, then none.
		const settings = { ...fields, anonymous: 'on' };
		expect(
			(await updateSurveySettings(ctxFor(db, planner), id, { ...settings, areaId: tree.quartierA })).ok
		).toBe(true);
		expect((await getSurvey(db, id))!.areaId).toBe(tree.quartierA);
		expect((await updateSurveySettings(ctxFor(db, planner), id, { ...settings, areaId: '' })).ok).toBe(true);
		expect((await getSurvey(db, id))!.areaId).toBeNull();
		// A survey already tied to an outdated version keeps it when its settings are saved again.
		await db.updateTable('survey').set({ area_id: old.id }).where('id', '=', id).execute();
		expect((await updateSurveySettings(ctxFor(db, planner), id, { ...settings, areaId: old.id })).ok).toBe(
			true
		);
		expect((await getSurvey(db, id))!.areaId).toBe(old.id);
	});
});

describeEachDatabase('responses to an area-tied survey in "Wer wurde erreicht"', (get) => {
	const prefix = `sr${Math.random().toString(36).slice(2, 6)}`;
	let fixture: Awaited<ReturnType<typeof resultsFixture>>;
	let consultationId: string;

	beforeAll(async () => {
		const db = get().db;
		fixture = await resultsFixture(db, prefix);
		consultationId = (
			await db
				.selectFrom('survey')
				.select('consultation_id')
				.where('id', '=', fixture.surveyId)
				.executeTakeFirstOrThrow()
		).consultation_id;
	}, 120_000);

	async function responses(surveyId: string, n: number, channel: string, complete = true, areaId?: string) {
		const db = get().db;
		for (let i = 0; i < n; i++) {
			const r = await db
				.insertInto('survey_response')
				.values({ survey_id: surveyId, channel, answered_on: '2026-05-10', complete, answers: '{}' })
				.returning('id')
				.executeTakeFirstOrThrow();
			if (areaId)
				await db
					.insertInto('survey_response_area')
					.values({ response_id: r.id, question_key: 'WOHNORT', area_id: areaId })
					.execute();
		}
	}

	it('counts responses without an area of residence for the survey area and the areas above it', async () => {
		const db = get().db;
		const { tree } = fixture;
		const level = (key: string) => `${prefix}-${key}`;
		const count = async (lvl: string, areaId: string) =>
			(
				await reachByArea(db, { level: level(lvl), consultationIds: [consultationId] }, { rules: RULES })
			).find((r) => r.areaId === areaId)!.counts.surveyResponses;
		const beforeB = await count('quartier', tree.quartierB);
		const beforeAltstadt = await count('stadtteil', tree.altstadt);
		const beforeC = await count('quartier', tree.quartierC);

		const manager = fixture.manager;
		const created = await createSurvey(ctxFor(db, manager), consultationId, {
			title: 'Aufsuchende Befragung in Quartier B',
			accessMode: 'code',
			anonymous: 'on',
			layout: 'pages',
			areaId: tree.quartierB
		});
		if (!created.ok) throw new Error(created.code);
		const tied = created.value.id;
		// 3 interviews and 2 online answers name no area; 1 interview names Quartier C (counted there
		// only); an unfinished one counts nowhere.
		await responses(tied, 3, 'interview');
		await responses(tied, 2, 'online');
		await responses(tied, 1, 'interview', true, tree.quartierC);
		await responses(tied, 1, 'interview', false);

		expect(await count('quartier', tree.quartierB)).toEqual({
			online: beforeB.online + 2,
			analog: beforeB.analog + 3
		});
		expect(await count('stadtteil', tree.altstadt)).toEqual({
			online: beforeAltstadt.online + 2,
			analog: beforeAltstadt.analog + 3
		});
		expect(await count('quartier', tree.quartierC)).toEqual({
			online: beforeC.online,
			analog: beforeC.analog + 1
		});
		// Quartier A, B's sibling, gets none of them.
		const a = await count('quartier', tree.quartierA);
		const untied = await reachByArea(
			db,
			{ level: level('quartier'), consultationIds: [consultationId] },
			{ rules: RULES }
		);
		expect(untied.find((r) => r.areaId === tree.quartierA)!.counts.surveyResponses).toEqual(a);
		// The consultation filter and the period apply to them as to every response.
		const other = await insertConsultation(db);
		const elsewhere = await reachByArea(
			db,
			{ level: level('quartier'), consultationIds: [other.id] },
			{ rules: RULES }
		);
		expect(elsewhere.find((r) => r.areaId === tree.quartierB)!.counts.surveyResponses).toEqual({
			online: 0,
			analog: 0
		});
		const june = await reachByArea(
			db,
			{
				level: level('quartier'),
				consultationIds: [consultationId],
				from: new Date('2026-06-01T00:00:00Z')
			},
			{ rules: RULES }
		);
		expect(june.find((r) => r.areaId === tree.quartierB)!.counts.surveyResponses).toEqual({
			online: 0,
			analog: 0
		});
	});

	it("shows a published result of a survey tied to an area in that area's view and the areas above", async () => {
		const db = get().db;
		const { tree } = fixture;
		const ctx = authContext(get(), { actor: fixture.manager });
		// Published without breakdowns: no area has a row, so no area view shows it ...
		const published = await publishSurveyResults(ctxFor(db, fixture.manager), fixture.surveyId, {
			questions: ['ZUFR'],
			levels: [],
			reach: false
		});
		expect(published.ok).toBe(true);
		const shown = async (areaId: string) => (await publishedForArea(ctx, areaId)).map((r) => r.surveyId);
		expect(await shown(tree.hafen)).not.toContain(fixture.surveyId);
		// ... until the survey is tied to Quartier C: then Quartier C and Hafen above it show it, Altstadt not.
		await db
			.updateTable('survey')
			.set({ area_id: tree.quartierC })
			.where('id', '=', fixture.surveyId)
			.execute();
		expect(await shown(tree.quartierC)).toContain(fixture.surveyId);
		expect(await shown(tree.hafen)).toContain(fixture.surveyId);
		expect(await shown(tree.altstadt)).not.toContain(fixture.surveyId);
		// Open data names the area the survey is tied to (its key).
		const listed = (await listPublishedSurveys(db, fixture.slug)).find((x) => x.id === fixture.surveyId);
		expect(listed?.area).toBe(`${prefix}-211`);
	});
});
