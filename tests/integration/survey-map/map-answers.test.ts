// Map questions on both databases: an answer with a drawn line and polygon is stored with the areas it
// touches at every level; places outside the city or of a kind the question does not allow are refused
// with the page kept; the results map carries area names only; the GeoJSON export carries the area keys
// at every level and is read back by ogrinfo.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from '../../../src/lib/questionnaire';
import { toPostgresBox } from '../../../src/lib/geo/bbox';
import type { DB } from '../../../src/lib/server/db/types';
import {
	getSurvey,
	newToken,
	participationState,
	saveQuestionnaireDefinition,
	saveResponsePage,
	startResponse,
	type RespondentSurvey
} from '../../../src/lib/server/surveys';
import { computeSurveyResults, exportSurvey, loadSurveyData } from '../../../src/lib/server/survey-results';
import { describeEachDatabase } from '../helpers/db';
import { ogrinfoSummary } from '../helpers/real-programs';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { ctxFor, form, surveyFixture } from '../surveys/fixtures';

const square = (x0: number, y0: number, x1: number, y1: number) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[x0, y0],
			[x1, y0],
			[x1, y1],
			[x0, y1],
			[x0, y0]
		]
	]
});

/** A city (10.0–10.2 E, 50.0–50.1 N) split into West and Ost. Level keys without hyphens (GeoJSON fields). */
async function insertCity(db: Kysely<DB>) {
	const level = async (key: string, rank: number) =>
		(
			await db
				.insertInto('area_level')
				.values({ key, name: key === 'mkstadt' ? 'Stadt' : 'Quartier', rank })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	const stadt = await level('mkstadt', 500);
	const quartier = await level('mkquartier', 501);
	const area = async (
		levelId: string,
		key: string,
		name: string,
		parent: string | null,
		g: ReturnType<typeof square>
	) =>
		(
			await db
				.insertInto('area')
				.values({
					level_id: levelId,
					key,
					name,
					parent_id: parent,
					geometry: JSON.stringify(g),
					bbox: toPostgresBox([
						g.coordinates[0][0][0],
						g.coordinates[0][0][1],
						g.coordinates[0][2][0],
						g.coordinates[0][2][1]
					]),
					population: 1000
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	const city = await area(stadt, 'mk-stadt', 'Musterstadt', null, square(10, 50, 10.2, 50.1));
	const west = await area(quartier, 'mk-west', 'West', city, square(10, 50, 10.1, 50.1));
	const ost = await area(quartier, 'mk-ost', 'Ost', city, square(10.1, 50, 10.2, 50.1));
	return { city, west, ost };
}

const definition: QuestionnaireDefinition = {
	version: 1,
	questions: [
		{
			key: 'ORT',
			type: 'map',
			geometry: ['line', 'polygon'],
			maxFeatures: 3,
			required: true,
			text: { de: 'Wo fehlen Wege und Grünflächen?' }
		},
		{ key: 'P2', type: 'page_break', required: false, text: { de: 'Zum Schluss' } },
		{ key: 'WARUM', type: 'long_text', required: false, text: { de: 'Warum?' } }
	]
};

const line = {
	type: 'LineString',
	coordinates: [
		[10.05, 50.05],
		[10.15, 50.05]
	]
};
const polygon = square(10.02, 50.02, 10.04, 50.04);

describeEachDatabase('survey map questions', (get) => {
	const db = () => get().db;
	let city: Awaited<ReturnType<typeof insertCity>>;
	let found: RespondentSurvey;
	let manager: Actor;

	beforeAll(async () => {
		city = await insertCity(db());
		const fx = await surveyFixture(db(), { accessMode: 'anyone', anonymous: true }, 'mkquartier');
		manager = fx.manager;
		const saved = await saveQuestionnaireDefinition(ctxFor(db(), manager), fx.found.survey.id, definition);
		if (!saved.ok) throw new Error(JSON.stringify(saved));
		found = { ...fx.found, survey: (await getSurvey(db(), fx.found.survey.id))! };
	});

	async function respondent() {
		const browserToken = newToken();
		const ctx = ctxFor(db(), null);
		const started = await startResponse(ctx, found, { browserToken });
		if (!started.ok) throw new Error(started.code);
		return { ctx, who: { browserToken, resumeToken: started.value.resumeToken } };
	}

	it('stores a drawn line and polygon with the areas they touch at every level, and resumes them', async () => {
		const { ctx, who } = await respondent();
		const first = await saveResponsePage(ctx, found, who, {
			page: 0,
			direction: 'next',
			form: form({ 'q.ORT.geojson': JSON.stringify([line, polygon]) })
		});
		expect(first).toEqual({ ok: true, value: { kind: 'page', page: 1 } });
		// resume: the saved answer holds the geometries as drawn
		const state = await participationState(ctxFor(db(), null), found.survey, who);
		if (state.state !== 'in_progress') throw new Error(state.state);
		expect(state.response.answers.ORT).toEqual({ type: 'map', geometries: [line, polygon] });

		const done = await saveResponsePage(ctx, found, who, { page: 1, direction: 'next', form: form({}) });
		expect(done).toEqual({ ok: true, value: { kind: 'complete' } });
		const rows = await db()
			.selectFrom('survey_response_area as a')
			.innerJoin('survey_response as r', 'r.id', 'a.response_id')
			.select(['a.question_key', 'a.area_id'])
			.where('r.survey_id', '=', found.survey.id)
			.execute();
		expect(rows.map((r) => r.question_key)).toEqual(['ORT', 'ORT', 'ORT']);
		expect(rows.map((r) => r.area_id).sort()).toEqual([city.city, city.west, city.ost].sort());
	});

	it('refuses a place outside the city, outside Germany or of a kind the question does not allow', async () => {
		const { ctx, who } = await respondent();
		const attempt = async (geojson: unknown) => {
			const r = await saveResponsePage(ctx, found, who, {
				page: 0,
				direction: 'next',
				form: form({ 'q.ORT.geojson': JSON.stringify(geojson), 'q.ORT.describe': 'am Bach' })
			});
			if (r.ok) throw new Error('accepted');
			return r.errors?.ORT?.key;
		};
		// in Germany, but east of the city
		expect(await attempt([line, square(11, 50, 11.1, 50.1)])).toBe('surveyMap.validation.outside');
		expect(
			await attempt([
				{
					type: 'LineString',
					coordinates: [
						[10.05, 50.05],
						[2.35, 48.85]
					]
				}
			])
		).toBe('surveyMap.validation.outside');
		expect(await attempt([{ type: 'Point', coordinates: [10.05, 50.05] }])).toBe(
			'surveys.validation.invalid'
		);
		expect(await attempt([line, line, line, line])).toBe('surveys.validation.maxFeatures');
		expect(await attempt({ type: 'Polygon', coordinates: [[[10.05, 50.05]]] })).toBe(
			'surveyMap.validation.invalid'
		);
		// nothing of it was stored
		const state = await participationState(ctxFor(db(), null), found.survey, who);
		if (state.state !== 'in_progress') throw new Error(state.state);
		expect(state.response.answers.ORT).toBeUndefined();
	});

	it('shows the map answers with area names only and exports GeoJSON with the area keys at every level', async () => {
		const survey = (await getSurvey(db(), found.survey.id))!;
		const data = await loadSurveyData(db(), survey.id, survey.definition);
		const view = computeSurveyResults(survey.definition, data, { rules: { minCount: 3, minPopulation: 0 } });
		expect(view.mapAnswers.total).toBe(2);
		expect(view.mapAnswers.features.map((f) => [f.geometry.type, f.properties.areas])).toEqual([
			['LineString', 'Ost, West'],
			['Polygon', 'West']
		]);

		const geo = await exportSurvey(ctxFor(db(), manager), { surveyId: survey.id, format: 'geojson' });
		if (!geo.ok) throw new Error(geo.code);
		const summary = ogrinfoSummary(geo.value.bytes);
		expect(summary.featureCount).toBe(2);
		expect(summary.fields.area_mkstadt).toBe('String');
		expect(summary.fields.area_mkquartier).toBe('String');
		const json = JSON.parse(new TextDecoder().decode(geo.value.bytes)) as {
			features: { geometry: { type: string }; properties: Record<string, unknown> }[];
		};
		expect(
			json.features.map((f) => [f.geometry.type, f.properties.area_mkstadt, f.properties.area_mkquartier])
		).toEqual([
			['LineString', 'mk-stadt', 'mk-ost;mk-west'],
			['Polygon', 'mk-stadt', 'mk-west']
		]);
	});
});
