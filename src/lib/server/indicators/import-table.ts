// Pure part of the indicator import: a table (from readTable) plus a column mapping → values per
// (series, area, year), with a preview and every problem named by row and column. No database here.
import {
	detectDecimalSeparator,
	parseOfficialNumber,
	type DecimalSeparator,
	type ValueReason
} from '../../stats/official-values';
import type { Table } from '../imports/table-file';
import { isTotalLabel } from '../../tables/totals';
import type { ColumnRole, ImportMapping, Layout, NewIndicatorMeta, SeriesTarget, ValueType } from './schemas';

/** What the parser needs to know about the database: the target level's areas and the indicators. */
export interface ImportContext {
	/** area key → area id, current versions of the target level */
	areas: ReadonlyMap<string, string>;
	/** normalised area name → area id of the target level (offices often key rows by name only) */
	areaNames?: ReadonlyMap<string, string>;
	/** the other levels, finest first: rows keyed to them are recognised (or imported with allLevels) */
	otherLevels?: readonly OtherLevel[];
	indicators: readonly {
		id: string;
		key: string;
		name: string;
		valueType: ValueType;
	}[];
}

export type ImportIssueCode =
	| 'not_a_number'
	| 'missing_key'
	| 'bad_year'
	| 'missing_indicator'
	| 'duplicate_value'
	| 'unmapped_series'
	| 'unknown_indicator'
	| 'column_count'
	| 'no_series'
	| 'existing_key';

export interface ImportIssue {
	code: ImportIssueCode;
	/** 1-based row of the file (the header is row 1) */
	row?: number;
	column?: string;
	value?: string;
	/** the row of the first occurrence, for duplicates */
	firstRow?: number;
	year?: number;
	key?: string;
}

export interface OtherLevel {
	key: string;
	name: string;
	areas: ReadonlyMap<string, string>;
	areaNames?: ReadonlyMap<string, string>;
}

export interface UnmatchedKey {
	key: string;
	name: string;
	/** first row in which the key appears */
	row: number;
	rows: number;
}

export interface SeriesPreview {
	source: string;
	target: SeriesTarget;
	valueType: ValueType;
	/** values that are numbers (or category labels) */
	values: number;
	/** placeholders read as "no value" with their reason */
	placeholders: Partial<Record<ValueReason, number>>;
	min: number | null;
	max: number | null;
	/** categorical series: label → count, in order of first appearance */
	categories: Record<string, number>;
	years: number[];
}

/** Values as parallel arrays (cheap for 100,000 rows and ready for unnest(...)). */
export interface ParsedValues {
	series: number[];
	areaId: string[];
	year: number[];
	value: (number | null)[];
	category: (string | null)[];
	reason: (ValueReason | null)[];
}

export type ParsedImport =
	| { ok: false; issues: ImportIssue[]; totalIssues: number }
	| {
			ok: true;
			/** one entry per series that is not ignored */
			series: SeriesPreview[];
			values: ParsedValues;
			unmatched: UnmatchedKey[];
			/** rows whose area key matched */
			matchedRows: number;
			rows: number;
			/** rows recognised as totals or as areas of another level (not imported unless allLevels) */
			totals: TotalRow[];
			/** matched rows per level key (the target level and, with allLevels, the others) */
			perLevel: Record<string, number>;
	  };

export interface TotalRow {
	key: string;
	name: string;
	row: number;
	/** the level whose area the row names, null for a total by its label ("insgesamt") */
	levelKey: string | null;
}

const MAX_ISSUES = 50;

/** Columns that together name the indicator of a long file ("Tabelle" + "Merkmal"). */
export function indicatorColumns(roles: readonly string[]): number[] {
	return roles.flatMap((r, i) => (r === 'indicator' ? [i] : []));
}

/** The indicator label of a row: the non-empty parts of its indicator columns, joined by " – ". */
export function indicatorLabel(cells: readonly string[], columns: readonly number[]): string {
	return columns
		.map((c) => (cells[c] ?? '').trim())
		.filter(Boolean)
		.join(' – ');
}

// ---- Suggestions ------------------------------------------------------------------------------

const KEY_HEADER = /(schl(ü|ue)ssel|^key$|^id$|-id$|nummer|^plr|^gebiet|^raum|^area)/i;
const NAME_HEADER = /(name|bezeichnung)/i;
const YEAR_HEADER = /^(jahr|year|berichtsjahr|stichjahr)$/i;
const INDICATOR_HEADER = /^(indikator|indicator|merkmal|kennzahl|variable)$/i;
const VALUE_HEADER = /^(wert|value|anzahl)$/i;

/** An area name as written in tables: case, blanks, line breaks and footnote markers ignored. */
export function normaliseAreaName(raw: string): string {
	return raw
		.replace(/[\u00ad]/g, '')
		.replace(/\s*[¹²³⁴⁵⁶⁷⁸⁹⁰*]+$/u, '')
		.replace(/[‐‑–—]/g, '-')
		.replace(/\s*-\s*/g, '-')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** Matches a cell by key (see areaKeyMatcher) or, failing that, by the area's name. */
export function areaMatcher(
	areas: ReadonlyMap<string, string>,
	names?: ReadonlyMap<string, string>
): (raw: string) => string | undefined {
	const byKey = areaKeyMatcher(areas);
	if (!names || names.size === 0) return byKey;
	return (raw) => byKey(raw) ?? names.get(normaliseAreaName(raw));
}

/** Normalises a key for matching: trimmed; digits-only keys padded to the level's key length. */
export function areaKeyMatcher(areas: ReadonlyMap<string, string>): (raw: string) => string | undefined {
	const lengths = new Set([...areas.keys()].map((k) => k.length));
	const allDigits = [...areas.keys()].every((k) => /^\d+$/.test(k));
	const width = lengths.size === 1 && allDigits ? [...lengths][0] : null;
	return (raw) => {
		const key = raw.trim();
		const direct = areas.get(key);
		if (direct !== undefined || width === null || !/^\d+$/.test(key) || key.length >= width) return direct;
		// Spreadsheets turn "010101" into the number 10101: restore the leading zeros.
		return areas.get(key.padStart(width, '0'));
	};
}

function isYear(text: string): boolean {
	return /^\d{4}$/.test(text.trim()) && Number(text) >= 1900 && Number(text) <= 2200;
}

/** A stable indicator key from a column header: "EW 31.12.2020" → "EW-31-12-2020". */
export function keyFromHeader(header: string, taken: Set<string>): string {
	const base =
		header
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/ß/g, 'ss')
			.replace(/[^A-Za-z0-9_-]+/g, '-')
			.replace(/^[-_]+|[-_]+$/g, '')
			.slice(0, 50) || 'indikator';
	let key = base;
	for (let n = 2; taken.has(key.toLowerCase()); n++) key = `${base}-${n}`;
	taken.add(key.toLowerCase());
	return key;
}

interface ColumnStats {
	numbers: number;
	integersNonNegative: boolean;
	texts: Set<string>;
	placeholders: number;
	filled: number;
}

function columnStats(cells: readonly string[], decimal: DecimalSeparator): ColumnStats {
	const stats: ColumnStats = {
		numbers: 0,
		integersNonNegative: true,
		texts: new Set(),
		placeholders: 0,
		filled: 0
	};
	for (const cell of cells) {
		const parsed = parseOfficialNumber(cell, decimal);
		if (parsed.ok && parsed.value === null) {
			if (cell.trim() !== '') stats.placeholders++;
			continue;
		}
		stats.filled++;
		if (parsed.ok && parsed.value !== null) {
			stats.numbers++;
			if (!Number.isInteger(parsed.value) || parsed.value < 0) stats.integersNonNegative = false;
		} else if (stats.texts.size <= 50) stats.texts.add(cell.trim());
	}
	return stats;
}

/** The default target of a series: an existing indicator with that key or name, else a new one. */
export function suggestTarget(
	source: string,
	cells: readonly string[],
	decimal: DecimalSeparator,
	context: ImportContext,
	takenKeys: Set<string>
): SeriesTarget {
	const wanted = source.trim().toLowerCase();
	const existing = context.indicators.find(
		(i) => i.key.toLowerCase() === wanted || i.name.trim().toLowerCase() === wanted
	);
	if (existing) return { source, action: 'existing', indicatorId: existing.id };
	const stats = columnStats(cells, decimal);
	if (stats.filled === 0 && stats.placeholders === 0) return { source, action: 'ignore' };
	// Mostly numbers = a number column (a stray text is then an error, not a reason to make it a category).
	const numeric = stats.filled === 0 || stats.numbers / stats.filled >= 0.5;
	if (!numeric && stats.texts.size > 20) return { source, action: 'ignore' };
	const meta: NewIndicatorMeta = {
		key: keyFromHeader(source, takenKeys),
		name: source.trim().slice(0, 200) || source,
		unit: '',
		domain: 'basisdaten',
		polarity: 'neutral',
		visibility: 'internal',
		source: '',
		licence: '',
		definition: '',
		// Whole non-negative numbers are counts: summed into parent areas.
		aggregation: numeric && stats.numbers > 0 && stats.integersNonNegative ? 'sum' : 'none'
	};
	return { source, action: 'new', valueType: numeric ? 'numeric' : 'categorical', meta };
}

export interface MappingHints {
	layout?: Layout;
	keyColumn?: string;
	yearColumn?: string;
	/** one column, or several that together name the indicator */
	indicatorColumn?: string | readonly string[];
	valueColumn?: string;
	year?: number | null;
	decimal?: DecimalSeparator;
	allLevels?: boolean;
}

function findColumn(columns: readonly string[], name: string | undefined): number {
	if (name === undefined) return -1;
	const exact = columns.indexOf(name.trim());
	if (exact >= 0) return exact;
	return columns.findIndex((c) => c.toLowerCase() === name.trim().toLowerCase());
}

export type SuggestResult =
	{ ok: true; mapping: ImportMapping } | { ok: false; code: 'unknown_column'; column: string };

/** A complete mapping guessed from the file (and hints given on the command line or in the form). */
export function suggestMapping(
	table: Table,
	levelKey: string,
	context: ImportContext,
	hints: MappingHints = {}
): SuggestResult {
	const { columns, rows } = table;
	const sample = rows.length > 2000 ? rows.slice(0, 2000) : rows;
	const column = (i: number) => sample.map((r) => r[i]);
	const decimal = hints.decimal ?? detectDecimalSeparator(sample.flat());
	const roles: ColumnRole[] = columns.map(() => 'series');
	const match = areaMatcher(context.areas, context.areaNames);
	const matchKey = areaKeyMatcher(context.areas);

	const hinted: [keyof MappingHints, ColumnRole][] = [
		['keyColumn', 'key'],
		['yearColumn', 'year'],
		['indicatorColumn', 'indicator'],
		['valueColumn', 'value']
	];
	for (const [hint, role] of hinted) {
		const given = hints[hint] as string | readonly string[] | undefined;
		if (given === undefined) continue;
		for (const name of typeof given === 'string' ? [given] : given) {
			const index = findColumn(columns, name);
			if (index < 0) return { ok: false, code: 'unknown_column', column: name };
			roles[index] = role;
		}
	}
	const free = (i: number) => roles[i] === 'series';
	if (!roles.includes('key')) {
		// The column whose cells match the most area keys; a key-like header breaks ties.
		let best = -1;
		let bestScore = 0;
		columns.forEach((header, i) => {
			if (!free(i)) return;
			const cells = column(i);
			// Keys beat names: a key column and a name column that both match choose the keys.
			const hits = cells.reduce(
				(n, c) =>
					n +
					(context.areas.has(c.trim())
						? 1
						: match(c) === undefined
							? 0
							: // Leading zeros restored ("1" → "01") could be any small count: they weigh less.
								matchKey(c) !== undefined
								? 0.5
								: 0.9),
				0
			);
			const score = hits / Math.max(1, cells.length) + (KEY_HEADER.test(header) ? 0.01 : 0);
			if (score > bestScore) {
				best = i;
				bestScore = score;
			}
		});
		if (best < 0 || bestScore < 0.05) best = columns.findIndex((h, i) => free(i) && KEY_HEADER.test(h));
		if (best < 0) best = columns.findIndex((_, i) => free(i));
		if (best >= 0) roles[best] = 'key';
	}
	if (!roles.includes('year')) {
		const byHeader = columns.findIndex((h, i) => free(i) && YEAR_HEADER.test(h));
		if (byHeader >= 0) roles[byHeader] = 'year';
	}
	const wantLong =
		hints.layout === 'long' ||
		(hints.layout === undefined &&
			(roles.includes('indicator') || columns.some((h, i) => free(i) && INDICATOR_HEADER.test(h))));
	const layout: Layout = wantLong ? 'long' : 'wide';
	if (layout === 'long') {
		if (!roles.includes('indicator')) {
			const i = columns.findIndex((h, n) => free(n) && INDICATOR_HEADER.test(h));
			if (i >= 0) roles[i] = 'indicator';
		}
		if (!roles.includes('value')) {
			const i = columns.findIndex((h, n) => free(n) && VALUE_HEADER.test(h));
			if (i >= 0) roles[i] = 'value';
		}
		if (!roles.includes('year')) {
			const i = columns.findIndex((_, n) => free(n) && sample.length > 0 && column(n).every(isYear));
			if (i >= 0) roles[i] = 'year';
		}
	}
	const nameIndex = columns.findIndex(
		(h, i) => free(i) && NAME_HEADER.test(h) && columnStats(column(i), decimal).numbers === 0
	);
	if (nameIndex >= 0) roles[nameIndex] = 'name';
	if (layout === 'long') roles.forEach((r, i) => (roles[i] = r === 'series' ? 'ignore' : r));

	const takenKeys = new Set(context.indicators.map((i) => i.key.toLowerCase()));
	const series: SeriesTarget[] = [];
	if (layout === 'wide') {
		columns.forEach((header, i) => {
			if (roles[i] === 'series') series.push(suggestTarget(header, column(i), decimal, context, takenKeys));
		});
	} else {
		const labelColumns = indicatorColumns(roles);
		const valueIndex = roles.indexOf('value');
		if (labelColumns.length > 0 && valueIndex >= 0) {
			const byLabel = new Map<string, string[]>();
			for (const row of rows) {
				const label = indicatorLabel(row, labelColumns);
				if (!label) continue;
				const list = byLabel.get(label) ?? [];
				if (list.length < 2000) list.push(row[valueIndex]);
				byLabel.set(label, list);
			}
			for (const [label, cells] of byLabel)
				series.push(suggestTarget(label, cells, decimal, context, takenKeys));
		}
	}
	return {
		ok: true,
		mapping: {
			layout,
			levelKey,
			decimal,
			roles,
			year: hints.year ?? null,
			series,
			skipUnmatched: false,
			allLevels: hints.allLevels ?? false
		}
	};
}

// ---- Parsing ----------------------------------------------------------------------------------

interface SeriesState {
	preview: SeriesPreview;
	seen: Map<string, number>;
	years: Set<number>;
}

/** Reads every cell with the mapping. Stops collecting problems after 50 (and counts the rest). */
export function parseIndicatorTable(
	table: Table,
	mapping: ImportMapping,
	context: ImportContext
): ParsedImport {
	const issues: ImportIssue[] = [];
	let totalIssues = 0;
	const issue = (i: ImportIssue) => {
		totalIssues++;
		if (issues.length < MAX_ISSUES) issues.push(i);
	};
	const { columns, rows } = table;
	if (mapping.roles.length !== columns.length) {
		return { ok: false, issues: [{ code: 'column_count' }], totalIssues: 1 };
	}
	const keyIndex = mapping.roles.indexOf('key');
	const nameIndex = mapping.roles.indexOf('name');
	const yearIndex = mapping.roles.indexOf('year');
	const labelColumns = indicatorColumns(mapping.roles);
	const valueIndex = mapping.roles.indexOf('value');
	const targets = new Map(mapping.series.map((s) => [s.source, s]));
	const indicatorsById = new Map(context.indicators.map((i) => [i.id, i]));
	const existingKeys = new Set(context.indicators.map((i) => i.key.toLowerCase()));
	const match = areaMatcher(context.areas, context.areaNames);
	const others = (context.otherLevels ?? []).map((l) => ({
		key: l.key,
		match: areaMatcher(l.areas, l.areaNames)
	}));
	const totals: TotalRow[] = [];
	const perLevel: Record<string, number> = { [mapping.levelKey]: 0 };

	const states: (SeriesState | null)[] = [];
	const stateBySource = new Map<string, number>();
	const addSeries = (source: string): number | null => {
		const known = stateBySource.get(source);
		if (known !== undefined) return states[known] ? known : null;
		const target = targets.get(source);
		let state: SeriesState | null = null;
		if (!target) issue({ code: 'unmapped_series', column: source });
		else if (target.action === 'existing' && !indicatorsById.has(target.indicatorId))
			issue({ code: 'unknown_indicator', column: source });
		else if (target.action === 'new' && existingKeys.has(target.meta.key.toLowerCase()))
			issue({ code: 'existing_key', column: source, key: target.meta.key });
		else if (target.action !== 'ignore') {
			const valueType =
				target.action === 'existing' ? indicatorsById.get(target.indicatorId)!.valueType : target.valueType;
			state = {
				preview: {
					source,
					target,
					valueType,
					values: 0,
					placeholders: {},
					min: null,
					max: null,
					categories: {},
					years: []
				},
				seen: new Map(),
				years: new Set()
			};
		}
		states.push(state);
		stateBySource.set(source, states.length - 1);
		return state ? states.length - 1 : null;
	};

	const wideSeries: { column: number; index: number | null }[] = [];
	if (mapping.layout === 'wide')
		mapping.roles.forEach((role, column) => {
			if (role === 'series') wideSeries.push({ column, index: addSeries(columns[column]) });
		});

	const out: ParsedValues = { series: [], areaId: [], year: [], value: [], category: [], reason: [] };
	const unmatched = new Map<string, UnmatchedKey>();
	let matchedRows = 0;

	const readCell = (
		seriesIndex: number,
		areaId: string,
		year: number,
		raw: string,
		row: number,
		column: string
	) => {
		const state = states[seriesIndex]!;
		const dedupeKey = `${areaId}|${year}`;
		const first = state.seen.get(dedupeKey);
		if (first !== undefined) {
			issue({ code: 'duplicate_value', row, column, firstRow: first, year });
			return;
		}
		state.seen.set(dedupeKey, row);
		const p = state.preview;
		let value: number | null = null;
		let category: string | null = null;
		let reason: ValueReason | null = null;
		if (p.valueType === 'numeric') {
			const parsed = parseOfficialNumber(raw, mapping.decimal);
			if (!parsed.ok) {
				issue({ code: 'not_a_number', row, column, value: raw.trim() });
				return;
			}
			value = parsed.value;
			reason = parsed.reason;
		} else {
			const text = raw.trim();
			const parsed = parseOfficialNumber(text, mapping.decimal);
			if (parsed.ok && parsed.value === null) reason = parsed.reason;
			else category = text;
		}
		if (reason) p.placeholders[reason] = (p.placeholders[reason] ?? 0) + 1;
		else {
			p.values++;
			if (value !== null) {
				if (p.min === null || value < p.min) p.min = value;
				if (p.max === null || value > p.max) p.max = value;
			}
			if (category !== null) p.categories[category] = (p.categories[category] ?? 0) + 1;
		}
		state.years.add(year);
		out.series.push(seriesIndex);
		out.areaId.push(areaId);
		out.year.push(year);
		out.value.push(value);
		out.category.push(category);
		out.reason.push(reason);
	};

	for (let i = 0; i < rows.length; i++) {
		const cells = rows[i];
		const row = table.rowNumbers?.[i] ?? i + 2;
		const key = cells[keyIndex]?.trim() ?? '';
		// A subtotal row often has its label in the name column and no key ("Mitte insgesamt").
		const rowLabel =
			nameIndex >= 0 ? cells[nameIndex].trim() : (cells.find((c) => c.trim() !== '')?.trim() ?? '');
		if (!key && isTotalLabel(rowLabel)) {
			totals.push({ key, name: rowLabel, row, levelKey: null });
			continue;
		}
		if (!key) {
			issue({ code: 'missing_key', row, column: columns[keyIndex] });
			continue;
		}
		let year: number;
		if (yearIndex >= 0) {
			const raw = cells[yearIndex].trim();
			if (!isYear(raw)) {
				issue({ code: 'bad_year', row, column: columns[yearIndex], value: raw });
				continue;
			}
			year = Number(raw);
		} else year = mapping.year!;
		let areaId = match(key);
		let levelKey = mapping.levelKey;
		const name = nameIndex >= 0 ? cells[nameIndex].trim() : '';
		if (areaId === undefined) {
			// An area of another level (a Bezirk row between its Planungsräume, the city row).
			for (const other of others) {
				areaId = other.match(key) ?? (name ? other.match(name) : undefined);
				if (areaId !== undefined) {
					levelKey = other.key;
					break;
				}
			}
			if (areaId !== undefined && !mapping.allLevels) {
				totals.push({ key, name, row, levelKey });
				continue;
			}
		}
		if (areaId === undefined && isTotalLabel(key, name)) {
			totals.push({ key, name, row, levelKey: null });
			continue;
		}
		if (areaId === undefined) {
			const seen = unmatched.get(key);
			if (seen) seen.rows++;
			else unmatched.set(key, { key, name, row, rows: 1 });
			continue;
		}
		matchedRows++;
		perLevel[levelKey] = (perLevel[levelKey] ?? 0) + 1;
		if (mapping.layout === 'wide') {
			for (const s of wideSeries)
				if (s.index !== null) readCell(s.index, areaId, year, cells[s.column], row, columns[s.column]);
		} else {
			const label = indicatorLabel(cells, labelColumns);
			if (!label) {
				issue({ code: 'missing_indicator', row, column: labelColumns.map((c) => columns[c]).join(' + ') });
				continue;
			}
			const index = addSeries(label);
			if (index !== null) readCell(index, areaId, year, cells[valueIndex], row, columns[valueIndex]);
		}
	}
	const series = states.filter((s): s is SeriesState => s !== null);
	if (series.length === 0 && totalIssues === 0) issue({ code: 'no_series' });
	if (totalIssues > 0) return { ok: false, issues, totalIssues };
	for (const s of series) s.preview.years = [...s.years].sort((a, b) => a - b);
	return {
		ok: true,
		series: series.map((s) => s.preview),
		values: out,
		unmatched: [...unmatched.values()],
		matchedRows,
		rows: rows.length,
		totals,
		perLevel
	};
}

/** German (or other) text for an issue; `t` is i18next's translate function. */
export function describeIssue(
	issue: ImportIssue,
	t: (key: string, params?: Record<string, unknown>) => string
): string {
	return t(`indicators.import.issues.${issue.code}`, { ...issue });
}
