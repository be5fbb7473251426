// The planner's area view (issue 12 audit): one Quartier's indicator values with index class and city
// average, beside everything said there and what came of it — map comments, a workshop's results and the
// documented workshop, a measure, survey free texts of respondents from the area (readable ones only,
// k respondents, nothing linking a text to a response) and published survey results — all in one list
// that search, consultation, period and channel filters and pages cover, counts protected.
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/types';
import { areaInput } from '../../../src/lib/server/planning/area-input';
import { period } from '../../../src/lib/server/planning/schemas';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { saveQuestionnaireDefinition } from '../../../src/lib/server/surveys';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { insertTestCity, type TestCity } from '../monitoring/fixtures';
import { insertConsultation } from '../contributions/fixtures';
import { resultsDefinition } from '../survey-results/fixtures';
import { ctxFor, surveyFixture } from '../surveys/fixtures';

const RULES = { minPopulation: 1000, minCount: 3 };
const CONFIG = { smallAreaPopulation: 1000, smallCountK: 3 };

describeEachDatabase('planner area view with every module', (get) => {
	let city: TestCity;
	let q: string;
	let surveyConsultation: string;
	let workshopConsultation: string;
	let planner: Actor;
	let areaPlanner: Actor;
	let responseIds: string[] = [];
	const opts = () => ({ rules: RULES, config: CONFIG, actor: planner });

	async function response(
		db: Kysely<DB>,
		surveyId: string,
		chain: string[],
		channel: 'online' | 'paper',
		day: string,
		choice: '1' | '2',
		text?: string
	) {
		const answers = {
			WOHNORT: { type: 'area', areaId: chain[0] },
			ZUFR: { type: 'single_choice', choice },
			...(text ? { WARUM: { type: 'long_text', text } } : {})
		};
		const row = await db
			.insertInto('survey_response')
			.values({
				survey_id: surveyId,
				channel,
				answered_on: day,
				complete: true,
				answers: JSON.stringify(answers)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		responseIds.push(row.id);
		await db
			.insertInto('survey_response_area')
			.values(chain.map((area_id) => ({ response_id: row.id, question_key: 'WOHNORT', area_id })))
			.execute();
	}

	beforeAll(async () => {
		const db = get().db;
		responseIds = [];
		city = await insertTestCity(db);
		q = city.areas['0203'];
		const up = [q, city.areas['02'], city.areas['00']];
		const sibling = [city.areas['0201'], city.areas['02'], city.areas['00']];
		const other = [city.areas['0202'], city.areas['02'], city.areas['00']];
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const scopedId = await insertUser(db);
		await db
			.insertInto('role_grant')
			.values({ user_id: scopedId, role: 'planner', scope_type: 'area', scope_id: q })
			.execute();
		areaPlanner = await actorFor(db, scopedId);

		// A survey: 3 online answers "1" (2–4 May), 3 on paper "2" (10–12 May) from 0203, 2 from 0201
		// (hidden in breakdowns, 0202's 3 paper answers their cover), 3 from 0202.
		const { found, manager } = await surveyFixture(db, { accessMode: 'anyone', anonymous: true }, 'quartier');
		const surveyId = found.survey.id;
		surveyConsultation = found.survey.consultationId;
		const saved = await saveQuestionnaireDefinition(
			ctxFor(db, manager),
			surveyId,
			resultsDefinition('quartier')
		);
		if (!saved.ok) throw new Error(JSON.stringify(saved));
		await response(
			db,
			surveyId,
			up,
			'online',
			'2026-05-02',
			'1',
			'Der Brunnen am Rathaus plätschert nicht mehr'
		);
		await response(db, surveyId, up, 'online', '2026-05-03', '1');
		await response(db, surveyId, up, 'online', '2026-05-04', '1');
		await response(db, surveyId, up, 'paper', '2026-05-10', '2', 'Vor der Schule fehlt ein Zebrastreifen');
		await response(db, surveyId, up, 'paper', '2026-05-11', '2');
		await response(db, surveyId, up, 'paper', '2026-05-12', '2');
		await response(db, surveyId, sibling, 'online', '2026-05-05', '1', 'Die Laterne im Hinterhof flackert');
		await response(db, surveyId, sibling, 'online', '2026-05-06', '1');
		for (const day of ['2026-05-20', '2026-05-21', '2026-05-22'])
			await response(db, surveyId, other, 'paper', day, '1');
		await db
			.insertInto('survey_publication')
			.values({
				survey_id: surveyId,
				questions: JSON.stringify(['ZUFR']),
				breakdown_levels: JSON.stringify(['quartier']),
				reach: false
			})
			.execute();

		// A consultation concerning 0203 with a documented workshop, its results and map comments.
		const c = await insertConsultation(db, { areaIds: [q] });
		workshopConsultation = c.id;
		const event = await db
			.insertInto('event')
			.values({
				consultation_id: c.id,
				title: 'Planungswerkstatt Stadtgarten',
				description: 'Gemeinsam den Stadtgarten planen',
				event_type: 'planungswerkstatt',
				status: 'published',
				address: 'Gartenstraße 1'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('event_occurrence')
			.values({
				event_id: event.id,
				starts_at: new Date('2026-06-10T16:00:00Z'),
				ends_at: new Date('2026-06-10T18:00:00Z'),
				attendance_count: 14
			})
			.execute();
		const contribution = async (
			body: string,
			channel: string,
			createdAt: string,
			extra: { category_id?: string; event_id?: string } = {}
		) => {
			const row = await db
				.insertInto('contribution')
				.values({
					consultation_id: c.id,
					body,
					channel,
					status: 'published',
					created_at: new Date(createdAt),
					...extra
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('contribution_area')
				.values(up.map((area_id) => ({ contribution_id: row.id, area_id })))
				.execute();
		};
		await contribution('Wir wünschen uns einen Bouleplatz', 'workshop', '2026-06-10T18:00:00Z', {
			event_id: event.id
		});
		for (let i = 0; i < 3; i++)
			await contribution(`Tempo 30 in der Gartenstraße ${i}`, 'online', `2026-04-0${i + 1}T10:00:00Z`, {
				category_id: c.categories['Verkehr']
			});
		await contribution('Mehr Schatten am Spielplatz', 'online', '2026-04-05T10:00:00Z', {
			category_id: c.categories['Grünflächen']
		});

		// A measure in 0203 (of no consultation).
		await db
			.insertInto('measure')
			.values({
				title: 'Hochbeete im Stadtgarten',
				description: 'Die Nachbarschaft pflegt die neuen Hochbeete.',
				responsible: 'Grünflächenamt',
				progress: 40,
				status: 'published',
				published_at: new Date('2026-07-01T09:00:00Z')
			})
			.returning('id')
			.executeTakeFirstOrThrow()
			.then((m) => db.insertInto('measure_area').values({ measure_id: m.id, area_id: q }).execute());
	}, 120_000);

	it('shows the indicator values with the city average and the index class', async () => {
		const view = (await areaInput(get().db, { areaId: q }, opts()))!;
		expect(view.area).toMatchObject({ key: '0203', levelKey: 'quartier' });
		const rate = view.profile!.figures.find((f) => f.indicator.key === 'kinderarmut')!;
		expect(rate.area.value).toBe(20);
		expect(rate.area.count).toBe(280);
		expect(rate.city?.value).toBeCloseTo((852 / 4900) * 100, 6);
		expect(view.profile!.city?.name).toBe('Teststadt');
		expect(view.profile!.index!.indexClass).toBe('very_high_attention');
	});

	it('lists input and outcomes of every module in one paged list, protected by category', async () => {
		const db = get().db;
		const view = (await areaInput(db, { areaId: q }, { ...opts(), pageSize: 4 }))!;
		// 4 map comments + 1 workshop result + 1 documented workshop + 1 measure + 2 free texts
		expect(view.total).toBe(9);
		expect(view.pageCount).toBe(3);
		const pages = [view];
		for (const page of [2, 3])
			pages.push((await areaInput(db, { areaId: q, page }, { ...opts(), pageSize: 4 }))!);
		const all = pages.flatMap((p) => p.entries);
		expect(all).toHaveLength(9);
		expect(new Set(all.map((e) => e.itemType + e.itemId)).size).toBe(9);
		// newest first: the measure (July), the workshop (June), its result, … the oldest map comment
		expect(all[0]).toMatchObject({ itemType: 'measure', title: 'Hochbeete im Stadtgarten', progress: 40 });
		expect(all[0].channel).toBeNull();
		expect(all.map((e) => e.createdAt.getTime())).toEqual(
			[...all.map((e) => e.createdAt.getTime())].sort((a, b) => b - a)
		);
		const kinds = all.map((e) => e.kindKey);
		expect(kinds.filter((k) => k === 'planning.kind.surveyText')).toHaveLength(2);
		expect(kinds).toContain('planning.kind.workshopResult');
		expect(kinds).toContain('planning.kind.workshop');
		const workshop = all.find((e) => e.kindKey === 'planning.kind.workshop')!;
		expect(workshop).toMatchObject({ title: 'Planungswerkstatt Stadtgarten', channel: 'analog' });
		// Categories: Verkehr 3 online; Grünflächen 1 hidden (and a cover); the workshop result has none.
		const byName = Object.fromEntries(view.categories.rows.map((r) => [r.category, r]));
		expect(byName['Grünflächen'].total).toBeNull();
		expect(byName['Grünflächen'].suppressed).toBe(true);
		expect(view.categories.rows.every((r) => r.total === null || r.total >= 3)).toBe(true);
	});

	it('finds a word of a survey free text, a workshop result and a measure', async () => {
		const db = get().db;
		const search = async (word: string) => (await areaInput(db, { areaId: q, q: word }, opts()))!.entries;
		const brunnen = await search('Brunnen');
		expect(brunnen.map((e) => [e.kindKey, e.text])).toEqual([
			['planning.kind.surveyText', 'Der Brunnen am Rathaus plätschert nicht mehr']
		]);
		expect(brunnen[0]).toMatchObject({ title: 'Bewohnerbefragung', detail: 'Warum?', channel: 'online' });
		// German stemming: "Bouleplätze" finds "Bouleplatz" — the result and the workshop it came from.
		const boule = await search('Bouleplätze');
		expect(boule.map((e) => e.kindKey).sort()).toEqual([
			'planning.kind.workshop',
			'planning.kind.workshopResult'
		]);
		const beete = await search('Hochbeet');
		expect(beete.map((e) => e.itemType)).toEqual(['measure']);
		expect(await search('Laterne')).toEqual([]);
	});

	it('keeps free texts unlinkable, readable only with surveys.results and only with k respondents', async () => {
		const db = get().db;
		const view = (await areaInput(db, { areaId: q }, opts()))!;
		const texts = view.entries.filter((e) => e.itemType === 'survey_text');
		expect(texts).toHaveLength(2);
		const json = JSON.stringify(view);
		for (const id of responseIds) expect(json).not.toContain(id);
		// An area planner of 0203 does not manage the survey's consultation: no free texts.
		const scoped = (await areaInput(db, { areaId: q }, { ...opts(), actor: areaPlanner }))!;
		expect(scoped.entries.some((e) => e.itemType === 'survey_text')).toBe(false);
		expect(scoped.total).toBe(7);
		// Nobody named: no free texts either.
		expect((await areaInput(db, { areaId: q }, { rules: RULES, config: CONFIG }))!.total).toBe(7);
		// 0201 has 2 respondents (< k): its text is not shown there …
		const small = (await areaInput(db, { areaId: city.areas['0201'] }, opts()))!;
		expect(small.entries.some((e) => e.itemType === 'survey_text')).toBe(false);
		// … but in the Bezirk above, with 11 respondents, it is.
		const bezirk = (await areaInput(db, { areaId: city.areas['02'], q: 'Laterne' }, opts()))!;
		expect(bezirk.entries.map((e) => e.text)).toEqual(['Die Laterne im Hinterhof flackert']);
	});

	it('filters list and survey results by consultation, period and channel, small numbers hidden', async () => {
		const db = get().db;
		const at = async (input: Parameters<typeof areaInput>[1]) => (await areaInput(db, input, opts()))!;
		const row = (v: Awaited<ReturnType<typeof at>>) => {
			expect(v.surveyResults).toHaveLength(1);
			const zufr = v.surveyResults[0].questions.find((x) => x.key === 'ZUFR')!;
			return zufr.breakdowns[0].rows.find((r) => r.areaId === q)!;
		};
		const all = await at({ areaId: q });
		expect(row(all)).toMatchObject({ n: 6, counts: [3, 3] });

		// Consultation: the workshop's consultation has its map comments, result and workshop only.
		const workshop = await at({ areaId: q, consultationId: workshopConsultation });
		expect(workshop.total).toBe(6);
		expect(new Set(workshop.entries.map((e) => e.itemType))).toEqual(new Set(['contribution', 'event']));
		expect(workshop.surveyResults).toEqual([]);
		const survey = await at({ areaId: q, consultationId: surveyConsultation });
		expect(survey.entries.map((e) => e.itemType)).toEqual(['survey_text', 'survey_text']);
		expect(row(survey)).toMatchObject({ n: 6 });

		// Channel: analog = paper answers and the workshop; measures belong to no channel.
		const analog = await at({ areaId: q, channel: 'analog' });
		const analogTexts = analog.entries.map((e) => e.text);
		expect(analogTexts.slice(0, 2).sort()).toEqual([
			'Gemeinsam den Stadtgarten planen',
			'Wir wünschen uns einen Bouleplatz'
		]);
		expect(analogTexts.slice(2)).toEqual(['Vor der Schule fehlt ein Zebrastreifen']);
		expect(analog.entries.every((e) => e.channel === 'analog')).toBe(true);
		expect(row(analog)).toMatchObject({ n: 3, counts: [0, 3] });
		const online = await at({ areaId: q, channel: 'online' });
		expect(online.entries.some((e) => e.itemType === 'measure' || e.itemType === 'event')).toBe(false);
		expect(online.entries.every((e) => e.channel === 'online')).toBe(true);
		// Online, 0201's two answers are hidden and 0203 (3) is the only sibling that can cover them.
		expect(row(online).counts).toEqual([null, null]);

		// Period 10–12 May: the paper answers only.
		const may = await at({ areaId: q, ...period({ von: '2026-05-10', bis: '2026-05-12' }) });
		expect(may.entries.map((e) => e.text)).toEqual(['Vor der Schule fehlt ein Zebrastreifen']);
		expect(row(may)).toMatchObject({ n: 3, counts: [0, 3] });
		// 2–3 May: two respondents — fewer than k, so their counts are hidden.
		const two = await at({ areaId: q, ...period({ von: '2026-05-02', bis: '2026-05-03' }) });
		const hidden = row(two);
		expect(hidden.n).toBeNull();
		expect(hidden.counts.every((c) => c === null)).toBe(true);
	});
});
