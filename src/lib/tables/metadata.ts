// A metadata sheet as statistics offices and planners keep it beside the data ("Metadaten",
// "Erläuterungen"): one row per indicator with its name or column, unit, direction, domain, source,
// definition and whether it may be published. Pure: a table of text cells in, patches out.

import { DOMAINS, type Domain } from '../stats/zindex';

export type MetadataDomain = Domain;
export type MetadataPolarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';
export type MetadataVisibility = 'public' | 'internal';

export interface IndicatorMetadata {
	/** the column header (wide files) or indicator label (long files) this row describes, as written */
	series: string;
	key?: string;
	name?: string;
	unit?: string;
	polarity?: MetadataPolarity;
	domain?: MetadataDomain;
	visibility?: MetadataVisibility;
	source?: string;
	licence?: string;
	definition?: string;
	/** 1-based row of the sheet */
	row: number;
}

export type MetadataField = Exclude<keyof IndicatorMetadata, 'series' | 'row'>;

export interface MetadataIssue {
	row: number;
	column: string;
	value: string;
	field: 'polarity' | 'domain' | 'visibility';
}

export type MetadataResult =
	| { ok: true; entries: IndicatorMetadata[]; issues: MetadataIssue[]; fields: MetadataField[] }
	| { ok: false; code: 'no_series_column' | 'no_metadata_columns' };

const fold = (s: string) =>
	s
		.toLowerCase()
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/ß/g, 'ss')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();

/** Header words per field, folded (lower case, no accents). First match wins, in this order. */
const HEADERS: [keyof IndicatorMetadata, RegExp][] = [
	['series', /^(spalte|spaltenname|merkmal|variable|indikator|kennzahl|kennziffer|indicator|column)\b/],
	['key', /^(schlussel|kurzel|key|kurzname|id)\b/],
	['name', /^(bezeichnung|name|titel|langname|label)\b/],
	['unit', /^(einheit|masseinheit|unit)\b/],
	['polarity', /^(richtung|polaritat|wirkung|bewertung|polarity|direction)\b/],
	['domain', /^(bereich|themenfeld|thema|dimension|domane|domain|handlungsfeld)\b/],
	['visibility', /^(sichtbarkeit|veroffentlichung|offentlich|freigabe|visibility|public)\b/],
	['source', /^(quelle|datenquelle|source|herkunft)\b/],
	['licence', /^(lizenz|nutzungsbedingungen|nutzungsrechte|licen[cs]e)\b/],
	['definition', /^(definition|beschreibung|erlauterung|berechnung|description)\b/]
];

/** Which field each column describes (null: none); a field is taken by its first column only. */
export function metadataColumns(columns: readonly string[]): (keyof IndicatorMetadata | null)[] {
	const taken = new Set<keyof IndicatorMetadata>();
	return columns.map((column) => {
		const folded = fold(column);
		for (const [field, pattern] of HEADERS) {
			if (!taken.has(field) && pattern.test(folded)) {
				taken.add(field);
				return field;
			}
		}
		return null;
	});
}

export function readPolarity(raw: string): MetadataPolarity | null {
	const trimmed = raw.trim();
	if (trimmed === '+' || trimmed === '↑') return 'higher_is_better';
	if (['-', '–', '—', '−', '↓'].includes(trimmed)) return 'higher_is_worse';
	const v = fold(raw);
	if (/^(neutral|keine|ohne bewertung)/.test(v)) return 'neutral';
	if (/(hoher|mehr) ist (besser|gunstiger)|^positiv|higher is better/.test(v)) return 'higher_is_better';
	if (/(hoher|mehr) ist (schlechter|ungunstiger)|^negativ|higher is worse/.test(v)) return 'higher_is_worse';
	return null;
}

const DOMAIN_WORDS: [MetadataDomain, RegExp][] = [
	['basisdaten', /basis|bevolkerung|demograf|struktur/],
	['oekonomische_situation', /okonom|wirtschaft|einkommen|armut|transfer|arbeit|soziale lage|sgb/],
	['erziehung_bildung', /erziehung|bildung|schul|kita|jugend/],
	['gesundheit', /gesundheit|medizin|pflege/],
	['wohnen_umwelt', /wohn|umwelt|lebensumfeld|grun|larm/]
];

export function readDomain(raw: string): MetadataDomain | null {
	const v = fold(raw);
	if (!v) return null;
	const key = v.replace(/ /g, '_');
	if ((DOMAINS as readonly string[]).includes(key)) return key as MetadataDomain;
	return DOMAIN_WORDS.find(([, pattern]) => pattern.test(v))?.[0] ?? null;
}

export function readVisibility(raw: string): MetadataVisibility | null {
	const v = fold(raw);
	if (!v) return null;
	if (/^(ja|j|x|offentlich|public|yes|frei|freigegeben|veroffentlichen|1)$/.test(v)) return 'public';
	if (/^(nein|n|intern|internal|no|gesperrt|nicht offentlich|0)$/.test(v)) return 'internal';
	return null;
}

/** Reads a metadata table (columns + text rows). Unknown words are issues, never guesses. */
export function readIndicatorMetadata(table: {
	columns: readonly string[];
	rows: readonly (readonly string[])[];
	rowNumbers?: readonly number[];
}): MetadataResult {
	const roles = metadataColumns(table.columns);
	const seriesColumn = roles.indexOf('series') >= 0 ? roles.indexOf('series') : roles.indexOf('name');
	if (seriesColumn < 0) return { ok: false, code: 'no_series_column' };
	const fields = roles.filter(
		(r, i): r is MetadataField => r !== null && r !== 'series' && r !== 'row' && i !== seriesColumn
	);
	if (fields.length === 0) return { ok: false, code: 'no_metadata_columns' };
	const entries: IndicatorMetadata[] = [];
	const issues: MetadataIssue[] = [];
	table.rows.forEach((cells, index) => {
		const row = table.rowNumbers?.[index] ?? index + 2;
		const series = (cells[seriesColumn] ?? '').trim();
		if (!series) return;
		const entry: IndicatorMetadata = { series, row };
		roles.forEach((field, column) => {
			if (field === null || field === 'series' || column === seriesColumn) return;
			const value = (cells[column] ?? '').trim();
			if (!value) return;
			if (field === 'polarity' || field === 'domain' || field === 'visibility') {
				const read =
					field === 'polarity'
						? readPolarity(value)
						: field === 'domain'
							? readDomain(value)
							: readVisibility(value);
				if (read === null) issues.push({ row, column: table.columns[column], value, field });
				else (entry as unknown as Record<string, string>)[field] = read;
			} else if (field !== 'row') {
				(entry as unknown as Record<string, string>)[field] = value;
			}
		});
		entries.push(entry);
	});
	return { ok: true, entries, issues, fields };
}

/** Finds the metadata entry of a series (its column header or label), by exact or folded text. */
export function metadataLookup(entries: readonly IndicatorMetadata[]) {
	const byFolded = new Map<string, IndicatorMetadata>();
	for (const e of entries) {
		for (const name of [e.series, e.key, e.name])
			if (name && !byFolded.has(fold(name))) byFolded.set(fold(name), e);
	}
	return (series: string): IndicatorMetadata | undefined => byFolded.get(fold(series));
}

/** A sheet name that reads like a metadata sheet. */
export function looksLikeMetadataSheet(name: string): boolean {
	return /metadat|erlauterung|beschreibung|kennzahlen|indikatoren|definition|legende/.test(fold(name));
}
