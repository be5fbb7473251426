import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { translator } from '../../lib/i18n';
import {
	commitIndicatorImport,
	describeIssue,
	ImportMapping,
	suggestIndicatorImport,
	type MappingHints
} from '../../lib/server/indicators';
import { readTable } from '../../lib/server/imports/table-file';
import { CliError, withDatabase, type CliCommand } from '../command';
import { SYSTEM_ACTOR } from '../../lib/server/core';

const USAGE =
	'qk import-indicators DATEI --level EBENE [--layout wide|long] [--year JAHR] [--key-column SPALTE] [--indicator-column SPALTE --value-column SPALTE --year-column SPALTE] [--decimal ,|.] [--skip-unmatched]';

const TABLE_ERRORS: Record<string, string> = {
	empty_file: 'Die Datei ist leer.',
	unreadable_file: 'Die Datei kann nicht als CSV- oder XLSX-Tabelle gelesen werden.',
	ragged_row: 'Zeile {row} hat mehr Zellen als die Kopfzeile.'
};

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
					'indicator-column': { type: 'string' },
					'value-column': { type: 'string' },
					'year-column': { type: 'string' },
					decimal: { type: 'string' },
					'skip-unmatched': { type: 'boolean' }
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
		const file = positionals[0];
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(fs.readFileSync(file));
		} catch {
			throw new CliError(`Die Datei „${file}“ kann nicht gelesen werden.`);
		}
		const table = await readTable(bytes);
		if (!table.ok)
			throw new CliError(
				`${path.basename(file)}: ${(TABLE_ERRORS[table.code] ?? table.code).replace('{row}', String(table.row))}`
			);
		const t = translator('de');
		const hints: MappingHints = {
			layout: values.layout as MappingHints['layout'],
			keyColumn: values['key-column'],
			indicatorColumn: values['indicator-column'],
			valueColumn: values['value-column'],
			yearColumn: values['year-column'],
			year: values.year ? Number(values.year) : undefined,
			decimal: values.decimal as MappingHints['decimal']
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
			const mapping = ImportMapping.safeParse({
				...suggestion.mapping,
				skipUnmatched: values['skip-unmatched'] === true
			});
			if (!mapping.success)
				throw new CliError(
					[...new Set(mapping.error.issues.map((i) => t(i.message)))].join('\n') + `\nAufruf: ${USAGE}`
				);
			const m = mapping.data;
			io.out(
				`Datei: ${path.basename(file)} (${table.table.encoding}${table.table.delimiter ? `, Trennzeichen „${table.table.delimiter}“` : ''}, Dezimaltrennzeichen „${m.decimal}“), ${m.layout === 'wide' ? 'breit' : 'lang'}, Schlüsselspalte „${table.table.columns[m.roles.indexOf('key')]}“.`
			);
			const result = await commitIndicatorImport(
				{ db, actor: SYSTEM_ACTOR, now: new Date() },
				{ fileName: path.basename(file), table: table.table, mapping: m }
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
			for (const c of v.createdIndicators)
				io.out(`Neuer Indikator (intern, Bereich Basisdaten): ${c.name} [${c.key}]`);
			io.out(
				`Importiert: ${v.values} Werte für ${v.indicatorIds.length} Indikatoren${v.skippedKeys ? `, ${v.skippedKeys} unbekannte Schlüssel übersprungen` : ''}; ${v.derivedValues} Werte für übergeordnete Gebiete berechnet.`
			);
			return 0;
		});
	}
};
