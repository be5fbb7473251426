// qk report against an embedded database in a temp data dir: a PDF to a file (read back with
// pdftotext), an XLSX to stdout (read back by LibreOffice), a DOCX for one consultation (converted to
// PDF by LibreOffice), a saved definition (the run is recorded), small groups in a small area protected
// in every format, German errors for unknown areas, formats, folders, definitions and options that do
// not go with --definition.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { readConfig } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { xlsxSheetsWithLibreOffice } from '../helpers/real-programs';
import { insertAreaTree, type AreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/types';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { ReportDefinitionInput, saveReportDefinition } from '../../../src/lib/server/reports';

async function comments(
	db: Kysely<DB>,
	consultationId: string,
	areaIds: string[],
	bodies: string[],
	support = 0
) {
	for (const body of bodies) {
		const row = await db
			.insertInto('contribution')
			.values({ consultation_id: consultationId, body, status: 'published', support_count: support })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('contribution_area')
			.values(areaIds.map((area_id) => ({ contribution_id: row.id, area_id })))
			.execute();
	}
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

function docxToPdfText(file: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-docx-'));
	execFileSync(
		'soffice',
		[
			`-env:UserInstallation=file://${dir}/profile`,
			'--headless',
			'--convert-to',
			'pdf',
			'--outdir',
			dir,
			file
		],
		{ stdio: 'ignore', timeout: 120_000 }
	);
	return pdfText(path.join(dir, path.basename(file).replace(/\.docx$/, '.pdf')));
}

function captureIO(dataDir: string) {
	const io = {
		lines: [] as string[],
		errors: [] as string[],
		bytes: [] as Uint8Array[],
		out: (line: string) => io.lines.push(line),
		err: (line: string) => io.errors.push(line),
		write: async (b: Uint8Array) => {
			io.bytes.push(b);
		},
		config: readConfig({ DATA_DIR: dataDir })
	} satisfies CliIO & Record<string, unknown>;
	return io;
}

/**
 * A report as pdftotext -layout prints it: Quartier A (400 residents) has no indicator value, and its
 * participation rows (2 comments, below k) show "." for the contributions.
 */
function expectProtected(text: string) {
	// the small area's indicator value is hidden, and its only sibling's too (else the level's other
	// values would give it back)
	expect(text).not.toContain('37,7');
	expect(text).not.toContain('21,4');
	const green = text.split('\n').filter((l) => /^\s*Grünanteil\s/.test(l) && l.includes('2025'));
	expect(green.length, text).toBeGreaterThanOrEqual(2);
	for (const l of green.slice(0, 2)) expect(l).toMatch(/^\s*Grünanteil\s+\.\s/);
	const rows = text.split('\n').filter((l) => /^\s*Quartier A\s+Beiträge/.test(l));
	expect(rows.length, text).toBeGreaterThan(0);
	for (const row of rows) {
		expect(row).not.toMatch(/\b2\b/);
		expect(row).toContain('.');
	}
}

describe('qk report', () => {
	let dir: string;
	let tree: AreaTree;
	let marktSlug: string;
	let marktTitle: string;
	let hafenTitle: string;
	let definitionId: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-report-'));
		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			await migrate(database);
			const db = database.db;
			tree = await insertAreaTree(db, 'r');
			// Quartier A is a small area (400 residents) with a small group (2 comments, below k = 3)
			for (const [id, population] of [
				[tree.city, 13_000],
				[tree.nord, 9_000],
				[tree.altstadt, 5_000],
				[tree.quartierA, 400],
				[tree.quartierB, 4_600],
				[tree.sued, 4_000],
				[tree.hafen, 4_000],
				[tree.quartierC, 4_000]
			] as const)
				await db.updateTable('area').set({ population }).where('id', '=', id).execute();
			// a public indicator: Quartier A's value must not be printed (fewer than 1,000 residents)
			const green = await db
				.insertInto('indicator')
				.values({
					key: 'r-gruen',
					name: 'Grünanteil',
					unit: '%',
					aggregation: 'none',
					visibility: 'public',
					domain: 'wohnen_umwelt'
				} as never)
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('indicator_value')
				.values([
					{ indicator_id: green.id, area_id: tree.quartierA, year: 2025, value: 37.7 },
					{ indicator_id: green.id, area_id: tree.quartierB, year: 2025, value: 21.4 },
					{ indicator_id: green.id, area_id: tree.quartierC, year: 2025, value: 18.2 }
				])
				.execute();
			const markt = await insertConsultation(db, { areaIds: [tree.altstadt] });
			const hafen = await insertConsultation(db, { areaIds: [tree.altstadt] });
			marktSlug = markt.slug;
			marktTitle = (
				await db
					.selectFrom('consultation')
					.select('title')
					.where('id', '=', markt.id)
					.executeTakeFirstOrThrow()
			).title;
			hafenTitle = (
				await db
					.selectFrom('consultation')
					.select('title')
					.where('id', '=', hafen.id)
					.executeTakeFirstOrThrow()
			).title;
			const inA = [tree.quartierA, tree.altstadt, tree.nord, tree.city];
			const inB = [tree.quartierB, tree.altstadt, tree.nord, tree.city];
			await comments(db, markt.id, inA, [
				'Am Brunnen fehlen Bänke, schreibt Anna an anna.brunnen@example.org',
				'Der Brunnen braucht Schatten, Telefon 0171 9876543'
			]);
			await comments(
				db,
				markt.id,
				inB,
				[1, 2, 3, 4, 5, 6, 7].map((n) => `Mehr Licht am Marktplatz, Nummer ${n}`)
			);
			await comments(
				db,
				hafen.id,
				inB,
				['Ein Radweg zum Hafenbecken fehlt ganz', 'Radweg zum Hafenbecken, bitte'],
				50
			);
			const saved = await saveReportDefinition(
				{ db, actor: SYSTEM_ACTOR, now: new Date('2026-03-01T09:00:00Z') },
				ReportDefinitionInput.parse({
					title: 'Jahresbericht Marktplatz',
					areaIds: [tree.quartierA, tree.quartierB],
					consultationIds: [markt.id]
				})
			);
			if (!saved.ok) throw new Error(saved.code);
			definitionId = saved.value.id;
		} finally {
			await database.close();
		}
	}, 120_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('writes a PDF for two areas to --out and an XLSX to stdout', async () => {
		const out = path.join(dir, 'bericht.pdf');
		const io = captureIO(dir);
		const args = [
			'report',
			'--areas',
			'r-111,r-112',
			'--title',
			'Altstadt 2026',
			'--format',
			'pdf',
			'--out',
			out
		];
		expect(await runCli(args, io)).toBe(0);
		expect(io.lines).toEqual([`Bericht als pdf geschrieben: ${out}`]);
		const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
		expect(text).toContain('Altstadt 2026');
		expect(text).toContain('Quartier A');
		expect(text).toContain('Quartier B');

		const piped = captureIO(dir);
		expect(await runCli(['report', '--areas', 'r-11', '--format', 'xlsx'], piped)).toBe(0);
		expect(piped.errors).toEqual(['Bericht als xlsx geschrieben.']);
		const sheets = xlsxSheetsWithLibreOffice(Buffer.concat(piped.bytes));
		expect(JSON.stringify(sheets)).toContain('Altstadt');
	}, 120_000);

	it('writes a DOCX for one consultation: its input only, the small group in the small area protected', async () => {
		const out = path.join(dir, 'markt.docx');
		const io = captureIO(dir);
		const args = [
			'report',
			'--areas',
			'r-111,r-112',
			'--consultation',
			marktSlug,
			'--format',
			'docx',
			'--out',
			out
		];
		expect(await runCli(args, io)).toBe(0);
		expect(io.lines).toEqual([`Bericht als docx geschrieben: ${out}`]);
		const text = docxToPdfText(out);
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('Quartier A');
		expect(flat).toContain('Quartier B');
		expect(flat).toContain(marktTitle);
		expect(flat).not.toContain(hafenTitle);
		expect(flat).toContain('Mehr Licht am Marktplatz');
		expect(flat).not.toContain('Hafenbecken');
		expect(flat).not.toMatch(/anna\.brunnen|@example\.org|9876543/);
		expectProtected(text);

		// without --consultation every consultation of the areas counts (and none is named)
		const all = path.join(dir, 'alle.docx');
		expect(
			await runCli(['report', '--areas', 'r-111,r-112', '--format', 'docx', '--out', all], captureIO(dir))
		).toBe(0);
		const allText = docxToPdfText(all).replace(/\s+/g, ' ');
		expect(allText).toContain('Hafenbecken');
	}, 240_000);

	it('protects the small group in the small area in the PDF and the XLSX too', async () => {
		const out = path.join(dir, 'schutz.pdf');
		expect(
			await runCli(
				['report', '--areas', 'r-111,r-112,r-211', '--format', 'pdf', '--out', out],
				captureIO(dir)
			)
		).toBe(0);
		const text = pdfText(out);
		expect(text).not.toMatch(/anna\.brunnen|@example\.org|9876543/);
		expectProtected(text);
		// a large area of another Stadtteil keeps its value
		expect(text).toMatch(/Grünanteil\s+18,2\s/);
		const piped = captureIO(dir);
		expect(await runCli(['report', '--areas', 'r-111,r-112', '--format', 'xlsx'], piped)).toBe(0);
		const sheets = xlsxSheetsWithLibreOffice(Buffer.concat(piped.bytes));
		const rowA = sheets['Beteiligung'].filter((r) => r[0] === 'Quartier A');
		expect(rowA.length).toBeGreaterThan(0);
		for (const r of rowA) for (const c of r.slice(2, 6)) expect(['0', '.']).toContain(c);
		expect(rowA.some((r) => r.slice(2, 6).includes('.'))).toBe(true);
		expect(JSON.stringify(sheets)).not.toMatch(/anna\.brunnen|@example\.org|9876543/);
	}, 120_000);

	it('runs a saved definition and records the run', async () => {
		const out = path.join(dir, 'definition.pdf');
		const io = captureIO(dir);
		expect(await runCli(['report', '--definition', definitionId, '--format', 'pdf', '--out', out], io)).toBe(
			0
		);
		expect(io.lines).toEqual([`Bericht als pdf geschrieben: ${out}`]);
		const text = pdfText(out).replace(/\s+/g, ' ');
		expect(text).toContain('Jahresbericht Marktplatz');
		expect(text).toContain('Quartier A');
		expect(text).toContain(marktTitle);
		expect(text).not.toContain('Hafenbecken');
		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			const row = await database.db
				.selectFrom('report_definition')
				.select(['last_run_at', 'last_run_figures'])
				.where('id', '=', definitionId)
				.executeTakeFirstOrThrow();
			expect(row.last_run_at).not.toBeNull();
			expect(row.last_run_figures).not.toBeNull();
			const audit = await database.db
				.selectFrom('audit_log')
				.select('action')
				.where('subject_id', '=', definitionId)
				.where('action', '=', 'report.run')
				.execute();
			expect(audit).toHaveLength(1);
		} finally {
			await database.close();
		}
	}, 120_000);

	it('names what is wrong, in German, before writing anything', async () => {
		const cases: [string[], string][] = [
			[
				['report', '--areas', 'r-111', '--format', 'odt'],
				'Das Format „odt“ gibt es nicht. Möglich: docx, pdf, xlsx.'
			],
			[['report', '--areas', 'r-111'], 'Bitte ein Format mit --format angeben.'],
			[
				['report', '--format', 'pdf'],
				'Bitte Gebiete mit --areas KEY,KEY oder eine Definition mit --definition ID angeben.'
			],
			[
				['report', '--areas', 'r-111,r-999', '--format', 'pdf'],
				'Diese Gebietsschlüssel gibt es nicht: r-999.'
			],
			[
				['report', '--areas', 'r-111', '--format', 'pdf', '--out', path.join(dir, 'nirgends', 'b.pdf')],
				'Den Ordner'
			],
			[
				['report', '--definition', '00000000-0000-4000-8000-000000000000', '--format', 'pdf'],
				'Die Berichtsdefinition'
			],
			[['report', '--areas', 'r-111', '--format', 'pdf', '--frobnicate'], 'Aufruf: qk report'],
			[
				[
					'report',
					'--definition',
					'00000000-0000-4000-8000-000000000000',
					'--areas',
					'r-111',
					'--format',
					'pdf'
				],
				'--definition bringt Gebiete, Verfahren, Titel und Sprache selbst mit; --areas passt nicht dazu.'
			],
			[
				[
					'report',
					'--definition',
					'00000000-0000-4000-8000-000000000000',
					'--language',
					'en',
					'--title',
					'X',
					'--format',
					'pdf'
				],
				'--title, --language passen nicht dazu.'
			]
		];
		for (const [args, message] of cases) {
			const io = captureIO(dir);
			expect(await runCli(args, io), args.join(' ')).not.toBe(0);
			expect(io.errors.join('\n'), args.join(' ')).toContain(message);
			expect(io.bytes).toEqual([]);
		}
		expect(fs.existsSync(path.join(dir, 'nirgends'))).toBe(false);
	}, 120_000);
});
