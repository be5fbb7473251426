// Reads an uploaded area file by its content: GeoJSON, a zipped Shapefile, or a hierarchy table (CSV/XLSX).
import { z } from 'zod';
import { DBF_ENCODINGS, readBoundaryFile } from '../imports/boundary-file';
import { looksLikeSqlite } from '../imports/geopackage';
import { looksLikeXlsx, readTable } from '../imports/table-file';
import { listZipEntries } from '../imports/zip';
import type { AreaSource, ImportIssue, SourceRecord } from './types';

/** Upload limit for area files (the Berlin Bezirke GeoJSON is 2 MB; 1,000 detailed areas fit easily). */
export const MAX_AREA_FILE_BYTES = 50 * 1024 * 1024;

/** How to read the file: the GeoPackage layer and the .dbf character set (from the wizard or the CLI). */
export const ReadOptions = z.object({
	layer: z.string().trim().min(1).max(200).optional(),
	encoding: z.enum(DBF_ENCODINGS).optional()
});
export type ReadOptions = z.infer<typeof ReadOptions>;

/** Wizard fields / CLI flags → options; empty or unknown values mean "as the file says / as guessed". */
export function parseReadOptions(input: { layer?: unknown; encoding?: unknown }): ReadOptions {
	const clean = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
	const parsed = ReadOptions.safeParse({ layer: clean(input.layer), encoding: clean(input.encoding) });
	return parsed.success ? parsed.data : {};
}

export type SourceResult = { ok: true; source: AreaSource } | { ok: false; issue: ImportIssue };

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value);
	return String(value).trim();
}

export async function readAreaSource(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceResult> {
	if (bytes.byteLength > MAX_AREA_FILE_BYTES)
		return { ok: false, issue: { code: 'too_large', detail: String(MAX_AREA_FILE_BYTES / 1024 / 1024) } };
	if (bytes.byteLength === 0) return { ok: false, issue: { code: 'empty_file' } };

	let asTable = false;
	let asBoundaries = false;
	if (looksLikeXlsx(bytes)) {
		// Entry count and declared sizes are checked for every zip, XLSX included, before anything is unpacked.
		const listed = listZipEntries(bytes);
		if (!listed.ok) return { ok: false, issue: { code: listed.code, detail: listed.detail } };
		const lower = listed.entries.map((e) => e.name.toLowerCase());
		if (lower.some((n) => n === 'xl/workbook.xml')) asTable = true;
		else if (lower.some((n) => n.endsWith('.shp') || n.endsWith('.dbf'))) asBoundaries = true;
		else return { ok: false, issue: { code: 'unsupported_file' } };
	} else if (looksLikeSqlite(bytes)) {
		asBoundaries = true; // a GeoPackage
	} else {
		// Text: GeoJSON starts with "{" (after an optional BOM and white space); anything else is a table.
		let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
		while (
			i < bytes.length &&
			(bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
		)
			i++;
		if (bytes[i] === 0x7b) asBoundaries = true;
		else if (bytes.subarray(0, 4096).includes(0)) return { ok: false, issue: { code: 'unsupported_file' } };
		else asTable = true;
	}

	if (asBoundaries) {
		const result = await readBoundaryFile(bytes, options);
		if (!result.ok)
			return { ok: false, issue: { code: result.code, row: result.feature, detail: result.detail } };
		const { data } = result;
		const records: SourceRecord[] = data.features.map((f, i) => ({
			index: i + 1,
			values: Object.fromEntries(data.propertyNames.map((p) => [p, cellText(f.properties[p])])),
			geometry: f.geometry as SourceRecord['geometry']
		}));
		return {
			ok: true,
			source: {
				kind: 'boundaries',
				format: data.format,
				fields: data.propertyNames,
				records,
				crs: data.crs,
				encoding: data.encoding,
				encodingSource: data.encodingSource,
				layers: data.layers,
				layer: data.layer
			}
		};
	}
	if (!asTable) return { ok: false, issue: { code: 'unsupported_file' } };
	const result = await readTable(bytes);
	if (!result.ok)
		return {
			ok: false,
			issue: {
				code:
					result.code === 'empty_file' || result.code === 'ragged_row' || result.code === 'zip_too_large'
						? result.code
						: 'unreadable_file',
				row: result.row,
				detail: result.detail
			}
		};
	const { table } = result;
	const records: SourceRecord[] = table.rows.map((row, i) => ({
		index: table.rowNumbers?.[i] ?? i + 2,
		values: Object.fromEntries(table.columns.map((c, ci) => [c, (row[ci] ?? '').trim()])),
		geometry: null
	}));
	return {
		ok: true,
		source: {
			kind: 'table',
			format: table.encoding === 'xlsx' ? 'xlsx' : 'csv',
			fields: table.columns.filter((c) => c !== ''),
			records,
			crs: null,
			encoding: table.encoding === 'xlsx' ? null : table.encoding
		}
	};
}
