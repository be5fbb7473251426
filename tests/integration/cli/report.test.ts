// qk report against an embedded database in a temp data dir: a PDF to a file (read back with
// pdftotext), an XLSX to stdout (read back by LibreOffice), German errors for unknown areas, formats,
// folders and definitions.
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
import { insertAreaTree } from '../helpers/roles-fixtures';

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

describe('qk report', () => {
	let dir: string;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-cli-report-'));
		const database = await openDatabase({ dataDir: dir, lockRole: 'test' });
		try {
			await migrate(database);
			await insertAreaTree(database.db, 'r');
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
			[['report', '--areas', 'r-111', '--format', 'pdf', '--frobnicate'], 'Aufruf: qk report']
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
