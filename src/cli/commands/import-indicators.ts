import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { translator } from '../../lib/i18n';
import {
	applyIndicatorMetadata,
	commitIndicatorImport,
	describeIssue,
	readMetadataSheet,
	ImportMapping,
	suggestIndicatorImport,
	type MappingHints
} from '../../lib/server/indicators';
import { readTable } from '../../lib/server/imports/table-file';
import { DOMAINS, POLARITIES } from '../../lib/server/indicators/schemas';
import { formatRowList, formatRowRange, parseRowList, parseRowRange } from '../../lib/tables/layout';
import { CliError, withDatabase, type CliCommand } from '../command';
import { SYSTEM_ACTOR } from '../../lib/server/core';

const USAGE =
	'qk import-indicators DATEI --level EBENE [--sheet BLATT] [--header-rows 3-5] [--skip-rows 12,15-17] [--layout wide|long] [--year JAHR] [--key-column SPALTE] [--indicator-column SPALTE [--indicator-column SPALTE …] --value-column SPALTE --year-column SPALTE] [--decimal ,|.] [--skip-unmatched] [--all-levels] [--publish] [--metadata-sheet BLATT | --metadata DATEI] [--unit EINHEIT] [--domain BEREICH] [--polarity higher_is_better|higher_is_worse|neutral] [--source QUELLE]';

const TABLE_ERRORS: Record<string, string> = {
	empty_file: 'Die Datei ist leer.',
	unreadable_file: 'Die Datei kann nicht als CSV- oder XLSX-Tabelle gelesen werden.',
	ragged_row: 'Zeile {row} hat mehr Zellen als die Kopfzeile.',
	header_out_of_range: 'Die Kopfzeilen liegen außerhalb der Tabelle (--header-rows).',
	no_data_rows: 'Unter den Kopfzeilen stehen keine Datenzeilen (--header-rows prüfen).',
	unknown_sheet: 'Das Tabellenblatt gibt es nicht.',
	zip_too_large: 'Die XLSX-Datei ist entpackt zu groß (höchstens {detail} MB).'
};

const METADATA_ERRORS: Record<string, string> = {
	unreadable: 'Die Metadaten können nicht gelesen werden.',
	unknown_sheet: 'Das Metadatenblatt gibt es nicht.',
	no_series_column: 'In den Metadaten fehlt eine Spalte „Indikator“, „Spalte“ oder „Bezeichnung“.',
	no_metadata_columns: 'In den Metadaten fehlen Spalten wie „Einheit“, „Richtung“, „Bereich“ oder „Quelle“.'
};

/** The metadata sheet of the data file (--metadata-sheet) or a file of its own (--metadata). */
async function readMetadata(bytes: Uint8Array, sheet: string | undefined, file: string | undefined) {
	if (sheet === undefined && file === undefined) return null;
	let source = bytes;
	if (file !== undefined) {
		try {
			source = new Uint8Array(fs.readFileSync(file));
		} catch {
			throw new CliError(`Die Datei „${file}“ kann nicht gelesen werden.`);
		}
	}
	const read = await readMetadataSheet(source, sheet);
	if (!read.ok)
		throw new CliError(
			`${METADATA_ERRORS[read.code]}${read.sheets ? ` Blätter: ${read.sheets.map((n) => `„${n}“`).join(', ')}.` : ''}`
		);
	return read;
}

export const importIndicatorsCommand: CliCommand = {
	name: 'import-indicators',
	summary:
		'Importiert Indikatorwerte aus CSV oder XLSX (breit: eine Spalte je Indikator; lang: Gebiet, Jahr, Indikator, Wert). Unbekannte Spalten werden neue, interne Indikatoren.',
	usage: USAGE,
	async run(args, io) {
		const parse = () =>
			parseArgs({
				args,
				options: {
					level: { type: 'string' },
					layout: { type: 'string' },
					year: { type: 'string' },
					'key-column': { type: 'string' },
					'indicator-column': { type: 'string', multiple: true },
					'value-column': { type: 'string' },
					'year-column': { type: 'string' },
					decimal: { type: 'string' },
					'skip-unmatched': { type: 'boolean' },
					sheet: { type: 'string' },
					'header-rows': { type: 'string' },
					'skip-rows': { type: 'string' },
					'all-levels': { type: 'boolean' },
					publish: { type: 'boolean' },
					'metadata-sheet': { type: 'string' },
					metadata: { type: 'string' },
					unit: { type: 'string' },
					domain: { type: 'string' },
					polarity: { type: 'string' },
					source: { type: 'string' }
				},
				strict: true,
				allowPositionals: true
			});
		let parsed: ReturnType<typeof parse>;
		try {
			parsed = parse();
		} catch (e) {
			throw new CliError(`${(e as Error).message}\nAufruf: ${USAGE}`);
		}
		const { values, positionals } = parsed;
		if (positionals.length !== 1 || !values.level)
			throw new CliError(`Bitte geben Sie genau eine Datei und --level an.\nAufruf: ${USAGE}`);
		if (values.layout !== undefined && values.layout !== 'wide' && values.layout !== 'long')
			throw new CliError('--layout ist „wide“ (eine Spalte je Indikator) oder „long“ (eine Zeile je Wert).');
		if (values.decimal !== undefined && values.decimal !== ',' && values.decimal !== '.')
			throw new CliError('--decimal ist „,“ (Dezimalkomma) oder „.“ (Dezimalpunkt).');
		if (values.year !== undefined && !/^\d{4}$/.test(values.year))
			throw new CliError('--year braucht eine Jahreszahl, z. B. --year 2024.');
		const headerRows = values['header-rows'] === undefined ? undefined : parseRowRange(values['header-rows']);
		if (headerRows === null)
			throw new CliError(
				'--header-rows braucht Zeilennummern der Datei, z. B. --header-rows 3-5 oder --header-rows 1.'
			);
		const skipRows = values['skip-rows'] === undefined ? undefined : parseRowList(values['skip-rows']);
		if (skipRows === null)
			throw new CliError('--skip-rows braucht Zeilennummern der Datei, z. B. --skip-rows 12,15-17.');
		if (values.domain !== undefined && !(DOMAINS as readonly string[]).includes(values.domain))
			throw new CliError(`--domain ist einer von: ${DOMAINS.join(', ')}.`);
		if (values.polarity !== undefined && !(POLARITIES as readonly string[]).includes(values.polarity))
			throw new CliError(`--polarity ist einer von: ${POLARITIES.join(', ')}.`);
		if (values['metadata-sheet'] !== undefined && values.metadata !== undefined)
			throw new CliError(
				'Bitte entweder --metadata-sheet (Blatt der Datei) oder --metadata (eigene Datei) angeben.'
			);
		const file = positionals[0];
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(fs.readFileSync(file));
		} catch {
			throw new CliError(`Die Datei „${file}“ kann nicht gelesen werden.`);
		}
		const table = await readTable(bytes, { sheet: values.sheet, headerRows, skipRows });
		if (!table.ok)
			throw new CliError(
				`${path.basename(file)}: ${(TABLE_ERRORS[table.code] ?? table.code).replace('{row}', String(table.row))}${table.sheets ? ` Blätter: ${table.sheets.map((n) => `„${n}“`).join(', ')}.` : ''}`
			);
		const metadata = await readMetadata(bytes, values['metadata-sheet'], values.metadata);
		const t = translator('de');
		const hints: MappingHints = {
			layout: values.layout as MappingHints['layout'],
			keyColumn: values['key-column'],
			indicatorColumn: values['indicator-column'],
			valueColumn: values['value-column'],
			yearColumn: values['year-column'],
			year: values.year ? Number(values.year) : undefined,
			decimal: values.decimal as MappingHints['decimal'],
			allLevels: values['all-levels'] === true
		};

		return withDatabase(io.config, async (database) => {
			const { db } = database;
			const wanted = values.level!.trim().toLowerCase();
			const levels = await db.selectFrom('area_level').select(['key', 'name']).orderBy('rank').execute();
			const level = levels.find((l) => l.key.toLowerCase() === wanted || l.name.toLowerCase() === wanted);
			if (!level)
				throw new CliError(
					`Die Ebene „${values.level}“ gibt es nicht. Vorhanden: ${levels.map((l) => `${l.name} (${l.key})`).join(', ') || 'keine'}.`
				);
			const suggestion = await suggestIndicatorImport(db, table.table, level.key, hints);
			if (!suggestion.ok) {
				if (suggestion.code === 'unknown_column')
					throw new CliError(
						`Die Spalte „${suggestion.column}“ gibt es nicht. Spalten der Datei: ${table.table.columns.join(', ')}.`
					);
				throw new CliError(`Die Ebene „${values.level}“ gibt es nicht.`);
			}
			// Flags are for every new indicator; a metadata row describes one and wins over them.
			const flagged = {
				...suggestion.mapping,
				skipUnmatched: values['skip-unmatched'] === true,
				series: suggestion.mapping.series.map((s) =>
					s.action === 'new'
						? {
								...s,
								meta: {
									...s.meta,
									...(values.unit !== undefined ? { unit: values.unit } : {}),
									...(values.domain !== undefined ? { domain: values.domain } : {}),
									...(values.polarity !== undefined ? { polarity: values.polarity } : {})
								}
							}
						: s
				)
			};
			const first = ImportMapping.safeParse(flagged);
			const described =
				metadata && first.success ? applyIndicatorMetadata(first.data, metadata.entries) : null;
			const mapping = described ? ImportMapping.safeParse(described.mapping) : first;
			if (!mapping.success)
				throw new CliError(
					[...new Set(mapping.error.issues.map((i) => t(i.message)))].join('\n') + `\nAufruf: ${USAGE}`
				);
			const m = mapping.data;
			const reading = table.table.reading;
			if (reading) {
				const r = reading;
				io.out(
					`Gelesen${r.sheet ? ` aus Blatt „${r.sheet}“` : ''}: Kopfzeilen ${formatRowRange(r.header)}, Daten ${formatRowRange(r.data)}${r.titles.length ? `, ${r.titles.length} Titelzeilen` : ''}${r.footerFrom ? `, Fußnoten ab Zeile ${r.footerFrom}` : ''}${r.skipped.length ? `, übersprungen: ${formatRowList(r.skipped)}` : ''}.`
				);
			}
			if (metadata && described) {
				io.out(
					`Metadaten${metadata.sheet ? ` aus Blatt „${metadata.sheet}“` : ''}: ${described.described.length} neue Indikatoren beschrieben${described.unused.length ? `; nicht in der Datei: ${described.unused.map((u) => u.series).join(', ')}` : ''}.`
				);
				for (const i of metadata.issues)
					io.out(
						`  Metadaten Zeile ${i.row}, Spalte „${i.column}“: „${i.value}“ nicht lesbar, Vorgabe bleibt.`
					);
			}
			io.out(
				`Datei: ${path.basename(file)} (${table.table.encoding}${table.table.delimiter ? `, Trennzeichen „${table.table.delimiter}“` : ''}, Dezimaltrennzeichen „${m.decimal}“), ${m.layout === 'wide' ? 'breit' : 'lang'}, Schlüsselspalte „${table.table.columns[m.roles.indexOf('key')]}“.`
			);
			const result = await commitIndicatorImport(
				{ db, actor: SYSTEM_ACTOR, now: new Date() },
				{
					fileName: path.basename(file),
					table: table.table,
					mapping: m,
					source: values.source,
					publish: values.publish === true
				}
			);
			if (!result.ok) {
				switch (result.code) {
					case 'invalid_file': {
						const lines = result.issues.map((i) => describeIssue(i, t));
						if (result.totalIssues > lines.length)
							lines.push(`… und ${result.totalIssues - lines.length} weitere Fehler.`);
						throw new CliError(`Nichts importiert. Bitte korrigieren Sie die Datei:\n${lines.join('\n')}`);
					}
					case 'unmatched_keys': {
						const shown = result.unmatched
							.slice(0, 20)
							.map((u) => `  ${u.key}${u.name ? ` (${u.name})` : ''}, Zeile ${u.row}`);
						if (result.unmatched.length > 20) shown.push(`  … und ${result.unmatched.length - 20} weitere`);
						throw new CliError(
							`Nichts importiert: ${result.unmatched.length} Schlüssel passen zu keinem Gebiet der Ebene „${level.name}“:\n${shown.join('\n')}\nMit --skip-unmatched werden diese Zeilen übersprungen.`
						);
					}
					case 'key_taken':
						throw new CliError(
							'Ein anderer Import hat gleichzeitig Indikatoren angelegt. Bitte erneut versuchen.'
						);
					default:
						throw new CliError(`Die Ebene „${values.level}“ gibt es nicht.`);
				}
			}
			const v = result.value;
			// what each new indicator got (flags, metadata sheet, --publish)
			const metaByKey = new Map(m.series.flatMap((s) => (s.action === 'new' ? [[s.meta.key, s.meta]] : [])));
			for (const c of v.createdIndicators) {
				const meta = metaByKey.get(c.key);
				const visibility = values.publish || meta?.visibility === 'public' ? 'öffentlich' : 'intern';
				io.out(
					`Neuer Indikator (${visibility}, Bereich ${t(`indicators.domains.${meta?.domain ?? 'basisdaten'}`)}): ${c.name} [${c.key}]`
				);
			}
			io.out(
				`Importiert: ${v.values} Werte für ${v.indicatorIds.length} Indikatoren${v.skippedKeys ? `, ${v.skippedKeys} unbekannte Schlüssel übersprungen` : ''}; ${v.derivedValues} Werte für übergeordnete Gebiete berechnet.`
			);
			return 0;
		});
	}
};
