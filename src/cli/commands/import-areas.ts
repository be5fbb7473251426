import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cityDay } from '../../lib/format/dates';
import { translator } from '../../lib/i18n';
import {
	formatIssues,
	importAreas,
	ReadOptions,
	readAreaSource,
	slugify,
	type AreaImportMapping,
	type LevelMapping,
	type ParentLevelRef
} from '../../lib/server/area-import';
import { CliError, withDatabase, type CliCommand } from '../command';
import { SYSTEM_ACTOR } from '../../lib/server/core';

const USAGE =
	'qk import-areas DATEI --level EBENE [--key SPALTE] [--name SPALTE] [--parent-key SPALTE | --parent-name SPALTE | --parent-spatial] [--parent-level EBENE] [--population SPALTE --population-year JAHR] [--valid-from DATUM] [--rank N] [--layer EBENE_IM_GEOPACKAGE] [--encoding utf-8|windows-1252|iso-8859-15]';

export const importAreasCommand: CliCommand = {
	name: 'import-areas',
	summary:
		'Importiert Gebiete aus GeoJSON, gezipptem Shapefile, GeoPackage oder einer Tabelle (CSV/XLSX) in eine Ebene (vorhanden oder neu).',
	usage: USAGE,
	async run(args, io) {
		const parse = () =>
			parseArgs({
				args,
				options: {
					level: { type: 'string' },
					rank: { type: 'string' },
					key: { type: 'string' },
					name: { type: 'string' },
					'parent-key': { type: 'string' },
					'parent-name': { type: 'string' },
					'parent-spatial': { type: 'boolean' },
					'parent-level': { type: 'string' },
					population: { type: 'string' },
					'population-year': { type: 'string' },
					'valid-from': { type: 'string' },
					layer: { type: 'string' },
					encoding: { type: 'string' }
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
		const file = positionals[0];
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(fs.readFileSync(file));
		} catch {
			throw new CliError(`Die Datei „${file}“ kann nicht gelesen werden.`);
		}
		const parentModes = [values['parent-key'], values['parent-name'], values['parent-spatial']].filter(
			Boolean
		);
		if (parentModes.length > 1)
			throw new CliError('Bitte nur eine der Angaben --parent-key, --parent-name oder --parent-spatial.');
		if (parentModes.length === 1 && !values['parent-level'])
			throw new CliError('Bitte geben Sie mit --parent-level die Ebene der übergeordneten Gebiete an.');
		if (values.population && !/^\d{4}$/.test(values['population-year'] ?? ''))
			throw new CliError('Bitte geben Sie mit --population-year das Jahr der Einwohnerzahl an (z. B. 2024).');
		const readOptions = ReadOptions.safeParse({
			layer: values.layer,
			encoding: values.encoding?.toLowerCase()
		});
		if (!readOptions.success)
			throw new CliError(
				'--encoding muss utf-8, windows-1252 oder iso-8859-15 sein (Zeichensatz der .dbf-Datei).'
			);
		const options = readOptions.data;
		const validFrom = values['valid-from'] ?? cityDay(new Date());
		const t = translator('de');

		const code = await withDatabase(io.config, async (database) => {
			const { db } = database;
			const levels = await db
				.selectFrom('area_level')
				.select(['key', 'name', 'rank'])
				.orderBy('rank')
				.execute();
			const findLevel = (nameOrKey: string) =>
				levels.find(
					(l) =>
						l.key === nameOrKey ||
						l.key === slugify(nameOrKey) ||
						l.name.toLowerCase() === nameOrKey.toLowerCase()
				);
			const parentLevel = values['parent-level'] ? findLevel(values['parent-level']) : undefined;
			if (values['parent-level'] && !parentLevel)
				throw new CliError(
					`Die übergeordnete Ebene „${values['parent-level']}“ gibt es nicht. Vorhanden: ${levels.map((l) => l.name).join(', ') || 'keine'}.`
				);
			const target = findLevel(values.level!);
			const rank =
				values.rank !== undefined
					? Number(values.rank)
					: parentLevel
						? parentLevel.rank + 1
						: (levels.at(-1)?.rank ?? 0) + 1;
			if (!Number.isInteger(rank) || rank < 0) throw new CliError('--rank muss eine ganze Zahl ab 0 sein.');
			const parentRef: ParentLevelRef = { kind: 'existing', key: parentLevel?.key ?? '' };

			// Without --key / --name: a property called like "name" is the name, the key is made from it.
			let nameField = values.name ?? null;
			if (!values.key && !nameField) {
				const read = await readAreaSource(bytes, options);
				if (read.ok) nameField = read.source.fields.find((f) => /^(name|bezeichnung|gen)$/i.test(f)) ?? null;
				if (read.ok && !nameField)
					throw new CliError(
						`Bitte geben Sie mit --key und/oder --name die Spalten an. Die Datei hat: ${read.source.fields.join(', ')}.`
					);
			}
			const level: LevelMapping = {
				level: target ? { kind: 'existing', key: target.key } : { kind: 'new', name: values.level!, rank },
				keyField: values.key ?? null,
				nameField,
				parent: values['parent-key']
					? { match: 'key', field: values['parent-key'], level: parentRef }
					: values['parent-name']
						? { match: 'name', field: values['parent-name'], level: parentRef }
						: values['parent-spatial']
							? { match: 'spatial', level: parentRef }
							: { match: 'none' },
				populationField: values.population ?? null,
				populationYear: values.population ? Number(values['population-year']) : null
			};
			const mapping: AreaImportMapping = { levels: [level], validFrom };
			const result = await importAreas(
				{ db, actor: SYSTEM_ACTOR, now: new Date() },
				{ bytes, fileName: path.basename(file), mapping, options }
			);
			if (!result.ok) {
				const kind = result.source?.kind ?? null;
				const { messages, more } = formatIssues(t, result.issues, kind, 30);
				for (const m of messages) io.err(m);
				if (more) io.err(t('areasImport.cli.more', { count: more }));
				io.err(t('areasImport.cli.failed'));
				return 1;
			}
			const s = result.value;
			io.out(
				t('areasImport.cli.summaryHeader', { file: s.fileName, validFrom: s.validFrom, ms: s.durationMs })
			);
			for (const l of s.levels)
				io.out(
					t('areasImport.cli.summaryLevel', {
						level: l.name,
						total: l.total,
						new: l.new,
						changed: l.changed,
						newVersion: l.newVersion,
						unchanged: l.unchanged
					})
				);
			if (s.repointedChildren) io.out(t('areasImport.cli.repointed', { count: s.repointedChildren }));
			const { source } = result.plan;
			if (source.layers.length > 1)
				io.out(t('areasImport.cli.layers', { layer: source.layer, layers: source.layers.join(', ') }));
			if (source.encodingSource === 'guessed')
				io.out(t('areasImport.cli.encodingGuessed', { encoding: source.encoding }));
			return 0;
		});
		return code;
	}
};
