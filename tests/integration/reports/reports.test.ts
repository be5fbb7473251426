// Planner reports on the demo city: DOCX (converted to PDF by LibreOffice and read with pdftotext),
// PDF (pdftotext, page 1 rendered by pdftoppm), XLSX (read back by LibreOffice); no names or e-mails
// of demo users in any output; small numbers protected; permissions; "what changed since".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { DEMO_ACCOUNTS } from '../../../src/lib/server/demo/accounts';
import { DEMO_JOBCENTER_LICENCE } from '../../../src/lib/server/demo/indicators';
import { DEMO_GEOMETRY_LICENCE, DEMO_GEOMETRY_SOURCE } from '../../../src/lib/server/demo/seed';
import { memoryStorage } from '../contributions/fixtures';
import {
	checkTemplate,
	composeReport,
	DATA_LICENCE,
	deleteReportTemplate,
	getReportDefinition,
	ReportDefinitionInput,
	renderReport,
	runReportDefinition,
	saveReportDefinition,
	uploadReportTemplate
} from '../../../src/lib/server/reports';
import { xlsxSheetsWithLibreOffice } from '../helpers/real-programs';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { describeEachDatabase } from '../helpers/db';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/types';

const config = { smallCountK: 3, smallAreaPopulation: 1000 };

function tmp(name: string, bytes: Uint8Array): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'qk-report-')), name);
	writeFileSync(file, bytes);
	return file;
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** The text in the order the PDF writes it: a table cell's wrapped lines stay together. */
const pdfRawText = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });

function docxToPdfText(bytes: Uint8Array, read: (file: string) => string = pdfText): string {
	const input = tmp('bericht.docx', bytes);
	const dir = path.dirname(input);
	execFileSync(
		'soffice',
		[
			`-env:UserInstallation=file://${dir}/profile`,
			'--headless',
			'--convert-to',
			'pdf',
			'--outdir',
			dir,
			input
		],
		{ stdio: 'ignore', timeout: 120_000 }
	);
	return read(path.join(dir, 'bericht.pdf'));
}

async function demoUsers(db: Kysely<DB>) {
	return db.selectFrom('app_user').select(['id', 'email', 'display_name']).execute();
}

async function twoAreas(db: Kysely<DB>) {
	return db
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select(['area.id', 'area.name'])
		.where('area.is_demo', '=', true)
		.where('area_level.key', '=', 'stadtteil')
		.where('area.name', 'in', ['Altstadt', 'Nordviertel'])
		.where('area.valid_to', 'is', null)
		.orderBy('area.name')
		.execute();
}

describeEachDatabase('reports', (get) => {
	const storage = memoryStorage();

	it('builds DOCX, PDF and XLSX for two areas that real programs read, without names or e-mails', async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), storage);
		const areas = await twoAreas(db);
		expect(areas.map((a) => a.name)).toEqual(['Altstadt', 'Nordviertel']);
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date(), config };
		const doc = await composeReport(ctx, {
			title: 'Sozialbericht Altstadt und Nordstadt',
			areaIds: areas.map((a) => a.id),
			indicatorKeys: [],
			consultationIds: [],
			themeIds: [],
			locale: 'de'
		});
		// an indicator value printed in the profile table, a quote, a measure
		const profile = doc.blocks.find((b) => b.type === 'table' && b.title.includes('Altstadt'));
		expect(profile?.type).toBe('table');
		const value =
			profile?.type === 'table' ? profile.rows.map((r) => r[1]).find((v) => typeof v === 'number') : null;
		expect(typeof value).toBe('number');
		const quote = doc.blocks.find((b) => b.type === 'quote');
		expect(quote?.type).toBe('quote');
		const measures = doc.blocks.find((b) => b.type === 'table' && b.key === 'Maßnahmen');
		expect(measures?.type === 'table' && measures.rows.length).toBeGreaterThan(0);
		const measure = measures?.type === 'table' ? String(measures.rows[0][0]) : '';
		const quoteWords = quote?.type === 'quote' ? quote.text.split(' ').slice(0, 3).join(' ') : '';
		const printed = new Intl.NumberFormat('de', {
			minimumFractionDigits: Number.isInteger(value) ? 0 : 1,
			maximumFractionDigits: Number.isInteger(value) ? 0 : 3
		}).format(value as number);

		const users = await demoUsers(db);
		const names = [
			...users.map((u) => u.email),
			...users.map((u) => u.display_name),
			...DEMO_ACCOUNTS.map((a) => a.email)
		];
		const noPersons = (text: string) => {
			for (const n of names) expect(text).not.toContain(n);
			expect(text).not.toMatch(/[\w.-]+@[\w-]+\.\w+/);
		};
		const flat = (s: string) => s.replace(/\s+/g, ' ');

		const docx = await renderReport(doc, 'docx');
		const fromDocx = flat(docxToPdfText(docx.bytes));
		for (const a of areas) expect(fromDocx).toContain(a.name);
		expect(fromDocx).toContain(printed);
		expect(fromDocx).toContain(quoteWords);
		expect(fromDocx).toContain(measure.slice(0, 20));
		noPersons(fromDocx);

		const pdf = await renderReport(doc, 'pdf');
		const pdfFile = tmp('bericht.pdf', pdf.bytes);
		const fromPdf = flat(pdfText(pdfFile));
		for (const a of areas) expect(fromPdf).toContain(a.name);
		expect(fromPdf).toContain(printed);
		expect(fromPdf).toContain(quoteWords);
		expect(fromPdf).toContain(measure.slice(0, 20));
		expect(fromPdf).toMatch(/Seite 1 von \d+/);
		noPersons(fromPdf);
		execFileSync('pdftoppm', [
			'-png',
			'-r',
			'60',
			'-f',
			'1',
			'-l',
			'1',
			pdfFile,
			path.join(path.dirname(pdfFile), 'page')
		]);
		const png = readdirSync(path.dirname(pdfFile)).find((f) => f.startsWith('page') && f.endsWith('.png'));
		expect(png).toBeTruthy();
		const pngBytes = readFileSync(path.join(path.dirname(pdfFile), png!));
		expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
		if (process.env.REPORT_PNG_OUT) writeFileSync(process.env.REPORT_PNG_OUT, pngBytes);

		const xlsx = await renderReport(doc, 'xlsx');
		const sheets = xlsxSheetsWithLibreOffice(xlsx.bytes);
		expect(Object.keys(sheets)).toContain('Quellen');
		expect(Object.keys(sheets)).toContain('Beteiligung');
		// the methods annex as in the DOCX and PDF, read back by LibreOffice
		expect(sheets['Methoden'].map((r) => r[0])).toEqual([doc.methods.title, ...doc.methods.paragraphs]);
		const all = Object.values(sheets).flat(2).join(' ');
		for (const a of areas) expect(all).toContain(a.name);
		noPersons(all);
	}, 240_000);

	it("names each indicator's source and licence and the boundaries' source in DOCX and PDF, the platform licence only as fallback", async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), storage);
		const areas = await twoAreas(db);
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date(), config };
		// Kinderarmut comes from the Jobcenter with its own terms; Anteil 65+ names no licence of its own.
		const doc = await composeReport(ctx, {
			title: 'Quellen und Lizenzen',
			areaIds: areas.map((a) => a.id),
			indicatorKeys: ['kinderarmut', 'anteil-65-plus'],
			consultationIds: [],
			themeIds: [],
			locale: 'de'
		});
		expect(Object.fromEntries(doc.sources.map((s) => [s.name, s.licence]))).toEqual({
			'Anteil der Menschen ab 65 Jahren': DATA_LICENCE,
			Kinderarmut: DEMO_JOBCENTER_LICENCE,
			'Gebietsgrenzen: Stadtteil': DEMO_GEOMETRY_LICENCE
		});
		// Read back as a person would: the text of the PDF and of the DOCX converted by LibreOffice, in
		// the order written (compared without spaces and line breaks: table cells wrap).
		const bare = (s: string) => s.replace(/\s+/g, '');
		const pdf = await renderReport(doc, 'pdf');
		const fromPdf = bare(pdfRawText(tmp('quellen.pdf', pdf.bytes)));
		const fromDocx = bare(docxToPdfText((await renderReport(doc, 'docx')).bytes, pdfRawText));
		for (const text of [fromPdf, fromDocx]) {
			expect(text).toContain(bare(DEMO_JOBCENTER_LICENCE));
			expect(text).toContain(bare('Musterstadt, Jobcenter und Bundesagentur für Arbeit (fiktiv)'));
			expect(text).toContain(bare('Musterstadt, Kommunalstatistik (fiktiv)'));
			expect(text).toContain(bare(DATA_LICENCE));
			expect(text).toContain(bare('Gebietsgrenzen: Stadtteil'));
			expect(text).toContain(bare(DEMO_GEOMETRY_SOURCE));
			expect(text).toContain(bare(DEMO_GEOMETRY_LICENCE));
		}
	}, 240_000);

	it('keeps e-mail addresses, phone numbers and names out of quotes in DOCX, PDF and XLSX, with and without themes', async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), storage);
		const areas = await twoAreas(db);
		const consultation = await db
			.selectFrom('consultation')
			.select('id')
			.where('slug', '=', 'marktplatz-altstadt')
			.executeTakeFirstOrThrow();
		const author = await insertUser(db, { email: 'erika.zitatprobe@example.org', name: 'Erika Zitatprobe' });
		// a resident's own words with her address and number in them, the most supported comment there
		const row = await db
			.insertInto('contribution')
			.values({
				consultation_id: consultation.id,
				author_id: author,
				body: 'Mehr Bäume und Schatten am Markt, Bäume gegen die Hitze! Rückfragen gern an erika.zitatprobe@example.org oder 0171 2345678.',
				status: 'published',
				support_count: 100_000
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('contribution_area')
			.values({ contribution_id: row.id, area_id: areas[0].id })
			.execute();
		const theme = await db
			.selectFrom('theme')
			.select('id')
			.where('name', '=', 'Schatten und Bäume')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('theme_tag')
			.values({
				theme_id: theme.id,
				item_type: 'contribution',
				item_id: row.id,
				consultation_id: consultation.id
			})
			.execute();
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date(), config };
		const flat = (s: string) => s.replace(/\s+/g, ' ');
		const leaks = ['zitatprobe', 'Zitatprobe', '2345678', '0171'];
		// with the planners' theme, and without (a saved selection whose theme was deleted since: the
		// residents' voices of the areas stand in)
		for (const themeIds of [[theme.id], ['00000000-0000-4000-8000-000000000000']]) {
			const doc = await composeReport(ctx, {
				title: 'Zitate',
				areaIds: areas.map((a) => a.id),
				indicatorKeys: [],
				consultationIds: [],
				themeIds,
				locale: 'de'
			});
			const quotes = doc.blocks.flatMap((b) => (b.type === 'quote' ? [b.text] : []));
			expect(
				quotes.some((q) => q.includes('Rückfragen gern an … oder …')),
				themeIds[0]
			).toBe(true);
			expect(JSON.stringify(doc)).not.toMatch(/zitatprobe|2345678/i);
			const fromDocx = flat(docxToPdfText((await renderReport(doc, 'docx')).bytes));
			const fromPdf = flat(pdfText(tmp('z.pdf', (await renderReport(doc, 'pdf')).bytes)));
			for (const text of [fromDocx, fromPdf]) {
				expect(text).toContain('Rückfragen gern an … oder …');
				for (const l of leaks) expect(text).not.toContain(l);
			}
			const sheets = JSON.stringify(xlsxSheetsWithLibreOffice((await renderReport(doc, 'xlsx')).bytes));
			expect(sheets).toContain('Altstadt');
			for (const l of leaks) expect(sheets).not.toContain(l);
		}
	}, 300_000);

	it('protects counts below k in every output', async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), storage);
		const areas = await twoAreas(db);
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date(), config: { ...config, smallCountK: 1_000_000 } };
		const doc = await composeReport(ctx, {
			title: 'Schutz',
			areaIds: areas.map((a) => a.id),
			indicatorKeys: [],
			consultationIds: [],
			themeIds: [],
			locale: 'de'
		});
		const reach = doc.blocks.find((b) => b.type === 'table' && b.key === 'Beteiligung');
		expect(reach?.type).toBe('table');
		if (reach?.type !== 'table') return;
		// with k this large every non-zero count is secret, and no quote is shown
		for (const row of reach.rows) for (const cell of row.slice(2, 6)) expect([0, '.']).toContain(cell);
		expect(reach.rows.some((r) => r[4] === '.')).toBe(true);
		expect(doc.blocks.some((b) => b.type === 'quote')).toBe(false);
		const sheets = xlsxSheetsWithLibreOffice((await renderReport(doc, 'xlsx')).bytes);
		const rows = sheets['Beteiligung'].filter((r) => areas.some((a) => a.name === r[0]));
		expect(rows.length).toBeGreaterThanOrEqual(2);
		for (const r of rows) for (const c of r.slice(2, 6)) expect(['0', '.']).toContain(c);
	}, 120_000);

	it('lets planners and admins only; stores the run and shows what changed since', async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), storage);
		const areas = await twoAreas(db);
		const byEmail = async (email: string) =>
			actorFor(
				db,
				(await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
			);
		const planner = await byEmail('planung@musterstadt.example');
		const input = ReportDefinitionInput.parse({ title: 'Jahresbericht', areaIds: areas.map((a) => a.id) });
		for (const email of ['quartier@musterstadt.example', 'bewohner@musterstadt.example']) {
			const other = { db, actor: await byEmail(email), now: new Date(), config };
			expect(await saveReportDefinition(other, input)).toEqual({ ok: false, code: 'not_found' });
		}
		const ctx = { db, actor: planner, now: new Date('2026-01-10T10:00:00Z'), config };
		const saved = await saveReportDefinition(ctx, input);
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		for (const email of ['quartier@musterstadt.example', 'bewohner@musterstadt.example']) {
			const other = { db, actor: await byEmail(email), now: new Date(), config };
			expect(await getReportDefinition(other, saved.value.id)).toBeNull();
			expect(await runReportDefinition(other, saved.value.id, 'pdf')).toEqual({
				ok: false,
				code: 'not_found'
			});
		}
		const first = await runReportDefinition(ctx, saved.value.id, 'xlsx');
		expect(first.ok).toBe(true);
		const def = await getReportDefinition(ctx, saved.value.id);
		expect(def?.lastRunAt?.toISOString()).toBe('2026-01-10T10:00:00.000Z');
		const key = Object.keys(def!.lastRunFigures!).find((k) => k.startsWith('reach:'))!;
		// a year later the figures differ: pretend the last run had 1,000 more
		await db
			.updateTable('report_definition')
			.set({
				last_run_figures: JSON.stringify({
					...def!.lastRunFigures,
					[key]: 1000 + (def!.lastRunFigures![key] ?? 0)
				})
			})
			.where('id', '=', saved.value.id)
			.execute();
		const later = { ...ctx, now: new Date('2027-01-10T10:00:00Z') };
		const second = await runReportDefinition(later, saved.value.id, 'pdf');
		expect(second.ok).toBe(true);
		if (!second.ok) return;
		const text = pdfText(tmp('b.pdf', second.value.bytes)).replace(/\s+/g, ' ');
		expect(text).toContain('Was hat sich seit dem letzten Bericht verändert?');
		expect(text).toContain('-1.000');
		const again = await getReportDefinition(ctx, saved.value.id);
		expect(again?.previousRunAt?.toISOString()).toBe('2026-01-10T10:00:00.000Z');
	}, 120_000);

	it('accepts a DOCX template with placeholders and refuses other files', async () => {
		const { db } = get();
		await seedDemoIfEmpty(get(), storage);
		const planner = { db, actor: SYSTEM_ACTOR, now: new Date(), config };
		expect(checkTemplate(new TextEncoder().encode('not a zip'))).toBe('not_docx');
		expect(checkTemplate(new Uint8Array(3 * 1024 * 1024))).toBe('too_large');
		const areas = await twoAreas(db);
		const doc = await composeReport(planner, {
			title: 'Vorlage',
			areaIds: areas.map((a) => a.id),
			indicatorKeys: [],
			consultationIds: [],
			themeIds: [],
			locale: 'de'
		});
		// a template: our own DOCX with placeholders typed into it
		const base = (
			await renderReport(
				{
					...doc,
					blocks: [
						{ type: 'paragraph', text: 'Bericht {title} vom {date}: {#areas}{name} ({population}) {/areas}' },
						{ type: 'paragraph', text: 'Erreicht: {#reach}[{area} – {figure}: {total}] {/reach}' },
						{
							type: 'paragraph',
							text: 'Themen: {#themes}[Thema {name} ({count}){#quotes} „{text}“{/quotes}] {/themes}'
						},
						{ type: 'paragraph', text: 'Ideen: {#ideas}[Idee {title}: {status}] {/ideas}' },
						{ type: 'paragraph', text: 'Maßnahmen: {#measures}[Maßnahme {title} {progress} %] {/measures}' }
					]
				},
				'docx'
			)
		).bytes;
		expect(checkTemplate(base)).toBeNull();
		const up = await uploadReportTemplate(planner, {
			name: 'Stadtvorlage',
			fileName: 'vorlage.docx',
			bytes: base
		});
		expect(up.ok).toBe(true);
		const broken = (
			await renderReport(
				{ ...doc, blocks: [{ type: 'paragraph', text: 'Kaputt {#areas} ohne Ende' }] },
				'docx'
			)
		).bytes;
		expect(checkTemplate(broken)).toBe('bad_placeholders');
		if (!up.ok) return;
		const input = ReportDefinitionInput.parse({
			title: 'Mit Vorlage',
			areaIds: areas.map((a) => a.id),
			templateId: up.value.id
		});
		const saved = await saveReportDefinition(planner, input);
		if (!saved.ok) throw new Error(saved.code);
		const file = await runReportDefinition(planner, saved.value.id, 'docx');
		if (!file.ok) throw new Error(file.code);
		const text = docxToPdfText(file.value.bytes).replace(/\s+/g, ' ');
		expect(text).toContain('Bericht Mit Vorlage vom');
		expect(text).toContain('Altstadt (');
		// every loop the upload form names is filled from the same document the standard layout prints
		const data = doc.templateData as {
			reach: { area: string; figure: string; total: string }[];
			themes: { name: string; count: string; quotes: { text: string }[] }[];
			ideas: { title: string; status: string }[];
			measures: { title: string; progress: string }[];
		};
		expect(
			data.reach.length && data.themes.length && data.ideas.length && data.measures.length
		).toBeGreaterThan(0);
		const r = data.reach[0];
		expect(text).toContain(`[${r.area} – ${r.figure}: ${r.total}]`);
		const th = data.themes.find((x) => x.quotes.length)!;
		expect(text).toContain(`[Thema ${th.name} (${th.count})`);
		expect(text).toContain(`„${th.quotes[0].text.split(' ').slice(0, 4).join(' ')}`);
		expect(text).toContain(`[Idee ${data.ideas[0].title.split(' ').slice(0, 3).join(' ')}`);
		expect(text).toContain(`[Maßnahme ${data.measures[0].title.split(' ').slice(0, 3).join(' ')}`);
		expect(text).toContain(`${data.measures[0].progress} %]`);
		for (const u of await demoUsers(db)) {
			expect(text).not.toContain(u.email);
			expect(text).not.toContain(u.display_name);
		}

		// deleting a template needs reports rights; the report then comes in the standard layout
		const manager = await actorFor(
			db,
			(
				await db
					.selectFrom('app_user')
					.select('id')
					.where('email', '=', 'quartier@musterstadt.example')
					.executeTakeFirstOrThrow()
			).id
		);
		expect(await deleteReportTemplate({ ...planner, actor: manager }, up.value.id)).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect(await deleteReportTemplate(planner, up.value.id)).toEqual({ ok: true, value: null });
		expect(await deleteReportTemplate(planner, up.value.id)).toEqual({ ok: false, code: 'not_found' });
		expect((await getReportDefinition(planner, saved.value.id))?.templateId).toBeNull();
		const standard = await runReportDefinition(planner, saved.value.id, 'docx');
		if (!standard.ok) throw new Error(standard.code);
		const plain = docxToPdfText(standard.value.bytes).replace(/\s+/g, ' ');
		expect(plain).not.toContain('Bericht Mit Vorlage vom');
		expect(plain).toContain('Anhang: Methoden und Quellen');
		expect(existsSync('/usr/bin/pdftotext')).toBe(true);
	}, 180_000);
});
