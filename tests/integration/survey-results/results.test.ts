// Survey results on both databases: counts with filters, reach per area and a breakdown with the small
// area hidden (and covered), publishing as a deliberate step (only chosen questions, protected, only
// for staff), and the exports read back by the programs people use (LibreOffice, pspp, ogrinfo).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { getSurvey } from '../../../src/lib/server/surveys';
import {
	computeSurveyResults,
	exportSurvey,
	loadPublishedResults,
	listPublishedSurveys,
	loadSurveyData,
	publishSurveyResults,
	unpublishSurveyResults
} from '../../../src/lib/server/survey-results';
import { describeEachDatabase } from '../helpers/db';
import { ogrinfoSummary, parseCsvWithBom, xlsxSheetsWithLibreOffice } from '../helpers/real-programs';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor } from '../surveys/fixtures';
import { resultsFixture } from './fixtures';

const rules = { minCount: 3, minPopulation: 0 };
const labels = { yes: 'ja', no: 'nein', other: 'Sonstiges' };

function pspp(dir: string, syntax: string): string {
	fs.writeFileSync(path.join(dir, 'read.sps'), syntax);
	return execFileSync('pspp', ['-O', 'format=csv', path.join(dir, 'read.sps')], {
		encoding: 'utf8',
		cwd: dir
	});
}

describeEachDatabase('survey results', (get, kind) => {
	const db = () => get().db;
	let fx: Awaited<ReturnType<typeof resultsFixture>>;
	beforeAll(async () => {
		fx = await resultsFixture(db(), `sr${kind.slice(0, 2)}`);
	});

	it('counts complete responses, filters by channel and area, and protects the small area', async () => {
		const survey = (await getSurvey(db(), fx.surveyId))!;
		const data = await loadSurveyData(db(), fx.surveyId, survey.definition);
		expect(data.responses).toHaveLength(20);
		const all = computeSurveyResults(survey.definition, data, { rules });
		expect(all.results.total).toBe(20);
		const zufr = all.results.questions.find((q) => q.key === 'ZUFR')!;
		expect(zufr).toMatchObject({
			n: 20,
			counts: [
				{ code: '1', count: 13 },
				{ code: '2', count: 7 }
			]
		});
		const paper = computeSurveyResults(survey.definition, data, { rules, filter: { channel: 'paper' } });
		expect(paper.results.total).toBe(4);
		const nord = computeSurveyResults(survey.definition, data, { rules, filter: { areaId: fx.tree.nord } });
		expect(nord.results.total).toBe(12);

		const level = data.areas.find((a) => a.id === fx.tree.quartierA)!.level;
		const view = computeSurveyResults(survey.definition, data, {
			rules,
			breakdown: { question: 'ZUFR', level }
		});
		const reach = (id: string) => view.reach.find((r) => r.areaId === id)!;
		expect(reach(fx.tree.quartierB).responses).toBeNull();
		// Quartier A is Quartier B's only sibling: hidden as cover, so Altstadt − A gives nothing
		expect(reach(fx.tree.quartierA).responses).toBeNull();
		expect(reach(fx.tree.quartierC).responses).toBe(8);
		const rowB = view.breakdown!.rows.find((r) => r.areaId === fx.tree.quartierB)!;
		expect(rowB.counts).toEqual([null, null]);
		expect(rowB.n).toBeNull();
	});

	it('publishes chosen questions only, protected, and only for staff', async () => {
		const stranger = await actorFor(db(), await insertUser(db()));
		expect(
			await publishSurveyResults(ctxFor(db(), stranger), fx.surveyId, {
				questions: ['ZUFR'],
				levels: [],
				reach: true
			})
		).toEqual({
			ok: false,
			code: 'not_found'
		});
		const ctx = ctxFor(db(), fx.manager);
		expect(await loadPublishedResults(db(), fx.surveyId, rules, 'de', labels)).toBeNull();
		const bad = await publishSurveyResults(ctx, fx.surveyId, {
			questions: ['WARUM'],
			levels: [],
			reach: true
		});
		expect(bad.ok).toBe(false);
		const level = `sr${kind.slice(0, 2)}-quartier`;
		const ok = await publishSurveyResults(ctx, fx.surveyId, {
			questions: ['ZUFR', 'MEHR'],
			levels: [level],
			reach: true
		});
		expect(ok.ok).toBe(true);
		const pub = (await loadPublishedResults(db(), fx.surveyId, rules, 'de', labels))!;
		expect(pub.total).toBe(20);
		expect(pub.questions.map((q) => q.key)).toEqual(['ZUFR', 'MEHR']);
		expect(pub.questions[0].options).toEqual([
			{ code: '1', label: 'sehr zufrieden', count: 13 },
			{ code: '2', label: 'wenig zufrieden', count: 7 }
		]);
		const rows = pub.questions[0].breakdowns[0].rows;
		expect(rows.find((r) => r.areaId === fx.tree.quartierB)!.counts).toEqual([null, null]);
		expect(rows.find((r) => r.areaId === fx.tree.quartierA)!.counts).toEqual([null, null]);
		expect(rows.find((r) => r.areaId === fx.tree.quartierC)!.n).toBe(8);
		// no free text anywhere in what is published
		expect(JSON.stringify(pub)).not.toContain('Schatten');
		expect((await listPublishedSurveys(db(), fx.slug)).map((s) => s.id)).toEqual([fx.surveyId]);
		// a consultation back in draft publishes nothing
		await db().updateTable('consultation').set({ status: 'draft' }).where('slug', '=', fx.slug).execute();
		expect(await loadPublishedResults(db(), fx.surveyId, rules, 'de', labels)).toBeNull();
		expect(await listPublishedSurveys(db(), fx.slug)).toEqual([]);
		await db().updateTable('consultation').set({ status: 'published' }).where('slug', '=', fx.slug).execute();
		const audit = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', fx.surveyId)
			.where('action', '=', 'survey.results_published')
			.execute();
		expect(audit).toHaveLength(1);
		expect((await unpublishSurveyResults(ctx, fx.surveyId)).ok).toBe(true);
		expect(await loadPublishedResults(db(), fx.surveyId, rules, 'de', labels)).toBeNull();
		expect(await listPublishedSurveys(db(), fx.slug)).toEqual([]);
	});

	it('exports CSV, XLSX with codebook, SAV, SPS + CSV and GeoJSON that real programs read', async () => {
		const ctx = ctxFor(db(), fx.manager, { locale: 'de' });
		const stranger = await actorFor(db(), await insertUser(db()));
		expect((await exportSurvey(ctxFor(db(), stranger), { surveyId: fx.surveyId, format: 'csv' })).ok).toBe(
			false
		);

		const csv = await exportSurvey(ctx, { surveyId: fx.surveyId, format: 'csv' });
		if (!csv.ok) throw new Error(csv.code);
		const rows = parseCsvWithBom(csv.value.bytes, ',');
		expect(rows).toHaveLength(21);
		const head = rows[0];
		const p = `sr${kind.slice(0, 2)}`;
		expect(head).toEqual(
			expect.arrayContaining([
				'response',
				'channel',
				'date',
				`WOHNORT_${p}_quartier`.replace(/-/g, '_'),
				'ZUFR',
				'MEHR_baenke',
				'ORT_n',
				'WARUM'
			])
		);
		const col = (name: string) => head.indexOf(name);
		expect(rows.slice(1).filter((r) => r[col(`WOHNORT_${p}_bezirk`)] === `${p}-1`)).toHaveLength(12);
		expect(rows.slice(1).some((r) => r[col('WARUM')] === 'Zu wenig Schatten, „leider“')).toBe(true);

		if (kind !== 'pglite') return; // the readers are the same on both databases; read back once
		const xlsx = await exportSurvey(ctx, { surveyId: fx.surveyId, format: 'xlsx' });
		if (!xlsx.ok) throw new Error(xlsx.code);
		const sheets = xlsxSheetsWithLibreOffice(xlsx.value.bytes);
		const names = Object.keys(sheets);
		expect(names.some((n) => /Antworten/.test(n))).toBe(true);
		const codebookSheet = sheets[names.find((n) => /Codebuch/.test(n))!];
		expect(codebookSheet).toContainEqual([
			'ZUFR',
			'Wie zufrieden sind Sie mit Ihrem Quartier?',
			'2',
			'wenig zufrieden'
		]);

		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-survey-spss-'));
		try {
			const sav = await exportSurvey(ctx, { surveyId: fx.surveyId, format: 'sav' });
			if (!sav.ok) throw new Error(sav.code);
			fs.writeFileSync(path.join(dir, 'survey.sav'), sav.value.bytes);
			const out = pspp(dir, 'GET FILE="survey.sav".\nDISPLAY DICTIONARY.\nFREQUENCIES VARIABLES=ZUFR.\n');
			expect(out).not.toMatch(/error/i);
			expect(out).toContain('Wie zufrieden sind Sie mit Ihrem Quartier?');
			expect(out).toMatch(/wenig zufrieden,7,35\.0%/);
			expect(out).toMatch(/sehr zufrieden,13,65\.0%/);

			const sps = await exportSurvey(ctx, { surveyId: fx.surveyId, format: 'sps' });
			if (!sps.ok) throw new Error(sps.code);
			const files = unzipSync(sps.value.bytes);
			for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
			const spsName = Object.keys(files).find((n) => n.endsWith('.sps'))!;
			const out2 = pspp(dir, `INCLUDE FILE="${spsName}".\nFREQUENCIES VARIABLES=ZUFR.\n`);
			expect(out2).not.toMatch(/error/i);
			expect(out2).toMatch(/wenig zufrieden,7,35\.0%/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}

		const geo = await exportSurvey(ctx, { surveyId: fx.surveyId, format: 'geojson' });
		if (!geo.ok) throw new Error(geo.code);
		const summary = ogrinfoSummary(geo.value.bytes);
		expect(summary.featureCount).toBe(4);
		expect(summary.geometry).toBe('Point');
		expect(summary.fields.question).toBe('String');
	});
});
