// Indicator metadata read from a sheet of the workbook (or a file of its own) and laid onto the
// indicators an import creates: the same for the web import and `qk import-indicators`.
import { readTable } from '../imports/table-file';
import {
	looksLikeMetadataSheet,
	metadataLookup,
	readIndicatorMetadata,
	type IndicatorMetadata,
	type MetadataIssue
} from '../../tables/metadata';
import type { ImportMapping } from './schemas';

export type MetadataSheet =
	| { ok: true; sheet: string | null; entries: IndicatorMetadata[]; issues: MetadataIssue[] }
	| {
			ok: false;
			code: 'unreadable' | 'unknown_sheet' | 'no_series_column' | 'no_metadata_columns';
			sheets?: string[];
	  };

/** Reads a metadata table from a workbook sheet (or a CSV/XLSX of its own when `sheet` is undefined). */
export async function readMetadataSheet(bytes: Uint8Array, sheet?: string): Promise<MetadataSheet> {
	const table = await readTable(bytes, sheet === undefined ? {} : { sheet });
	if (!table.ok)
		return table.code === 'unknown_sheet'
			? { ok: false, code: 'unknown_sheet', sheets: table.sheets }
			: { ok: false, code: 'unreadable' };
	const read = readIndicatorMetadata(table.table);
	if (!read.ok) return read;
	return { ok: true, sheet: table.table.reading?.sheet ?? null, entries: read.entries, issues: read.issues };
}

/** The sheet of a workbook that reads like metadata, other than the data sheet; null when none. */
export function findMetadataSheet(sheets: readonly string[], dataSheet: string | null): string | null {
	return sheets.find((s) => s !== dataSheet && looksLikeMetadataSheet(s)) ?? null;
}

export interface MetadataApplied {
	mapping: ImportMapping;
	/** series of the file that got metadata */
	described: string[];
	/** rows of the metadata that describe no series of the file */
	unused: IndicatorMetadata[];
}

/** Lays metadata onto the new indicators of a mapping; existing indicators keep theirs. */
export function applyIndicatorMetadata(
	mapping: ImportMapping,
	entries: readonly IndicatorMetadata[]
): MetadataApplied {
	const lookup = metadataLookup(entries);
	const used = new Set<IndicatorMetadata>();
	const described: string[] = [];
	const series = mapping.series.map((s) => {
		const entry = lookup(s.source);
		if (!entry) return s;
		used.add(entry);
		if (s.action !== 'new') return s;
		described.push(s.source);
		const { name, unit, polarity, domain, visibility, source, licence, definition } = entry;
		return {
			...s,
			meta: {
				...s.meta,
				...(name ? { name: name.slice(0, 200) } : {}),
				...(unit ? { unit: unit.slice(0, 80) } : {}),
				...(polarity ? { polarity } : {}),
				...(domain ? { domain } : {}),
				...(visibility ? { visibility } : {}),
				...(source ? { source: source.slice(0, 300) } : {}),
				...(licence ? { licence: licence.slice(0, 200) } : {}),
				...(definition ? { definition: definition.slice(0, 2000) } : {})
			}
		};
	});
	return { mapping: { ...mapping, series }, described, unused: entries.filter((e) => !used.has(e)) };
}
