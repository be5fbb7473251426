// Reading export files back with the programs people use: LibreOffice (headless) for XLSX, GDAL's
// ogrinfo for GeoJSON. Each call works on a temp copy with its own LibreOffice profile, so parallel
// runs do not clash. Shared by integration tests and Playwright specs.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Converts an XLSX file with LibreOffice to CSV, every sheet (filter option token 12 = -1), and returns
 * sheet name → rows. LibreOffice names the files <base>-<sheet>.csv.
 */
export function xlsxSheetsWithLibreOffice(bytes: Uint8Array): Record<string, string[][]> {
	const dir = tempDir('qk-xlsx-');
	const profile = `/tmp/lo-${randomBytes(6).toString('hex')}`;
	try {
		const input = path.join(dir, 'export.xlsx');
		fs.writeFileSync(input, bytes);
		const out = path.join(dir, 'out');
		fs.mkdirSync(out);
		const result = spawnSync(
			'libreoffice',
			[
				`-env:UserInstallation=file://${profile}`,
				'--headless',
				'--convert-to',
				'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
				'--outdir',
				out,
				input
			],
			{ encoding: 'utf8', timeout: 120_000 }
		);
		const files = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.csv')) : [];
		if (result.status !== 0 || files.length === 0)
			throw new Error(`libreoffice failed (${result.status}): ${result.stderr}${result.stdout}`);
		const sheets: Record<string, string[][]> = {};
		for (const file of files) {
			const sheet = file.replace(/^export-?/, '').replace(/\.csv$/, '') || 'export';
			const text = fs.readFileSync(path.join(out, file), 'utf8');
			sheets[sheet] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
		}
		return sheets;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

export interface OgrSummary {
	featureCount: number;
	geometry: string;
	/** field name → OGR type (String, Integer, Date …) */
	fields: Record<string, string>;
	raw: string;
}

/** `ogrinfo -al -so` on a temp copy: layer summary of a GeoJSON file. */
export function ogrinfoSummary(bytes: Uint8Array): OgrSummary {
	const dir = tempDir('qk-geojson-');
	try {
		const file = path.join(dir, 'export.geojson');
		fs.writeFileSync(file, bytes);
		const result = spawnSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8', timeout: 60_000 });
		if (result.status !== 0) throw new Error(`ogrinfo failed (${result.status}): ${result.stderr}`);
		const raw = result.stdout;
		const count = /Feature Count: (\d+)/.exec(raw);
		const geometry = /Geometry: (.+)/.exec(raw);
		const fields: Record<string, string> = {};
		// Field lines: "name: Type (width.precision)".
		for (const line of raw.split('\n')) {
			const m =
				/^([A-Za-z_][A-Za-z0-9_]*): (String|Integer|Integer64|Real|Date|DateTime|StringList|IntegerList|RealList|Time)\b/.exec(
					line
				);
			if (m) fields[m[1]] = m[2];
		}
		return { featureCount: count ? Number(count[1]) : -1, geometry: geometry?.[1].trim() ?? '', fields, raw };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Strips the UTF-8 BOM (fails when there is none) and parses a CSV with the given delimiter. */
export function parseCsvWithBom(bytes: Uint8Array, delimiter: ',' | ';'): string[][] {
	if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('CSV without UTF-8 BOM');
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
	const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
	if (parsed.errors.length) throw new Error(`CSV: ${parsed.errors.map((e) => e.message).join('; ')}`);
	return parsed.data;
}
