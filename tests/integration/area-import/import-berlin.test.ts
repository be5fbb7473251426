import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { formatIssue, importAreas, type AreaImportMapping } from '../../../src/lib/server/area-import';
import type { DB } from '../../../src/lib/server/db/types';
import { translator } from '../../../src/lib/i18n';
import { describeEachDatabase } from '../helpers/db';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';

const FIXTURES = '/work/shared/fixtures/berlin-mss-2021';
const GENERATED = 'tests/fixtures/generated';
const t = translator('de');
const read = (path: string) => new Uint8Array(fs.readFileSync(path));
const now = new Date('2026-11-23T12:00:00Z');

const BEZIRKE: AreaImportMapping = {
	validFrom: '2021-01-01',
	levels: [
		{
			level: { kind: 'new', name: 'Bezirk', rank: 1 },
			keyField: null,
			nameField: 'name',
			parent: { match: 'none' },
			populationField: null,
			populationYear: null
		}
	]
};

const LOR: AreaImportMapping = {
	validFrom: '2021-01-01',
	levels: [
		{
			level: { kind: 'new', name: 'Prognoseraum', rank: 2 },
			keyField: 'Prognoseraum (Nummer)',
			nameField: 'Prognoseraum (Name)',
			parent: { match: 'name', field: 'Bezirk', level: { kind: 'existing', key: 'bezirk' } },
			populationField: null,
			populationYear: null
		},
		{
			level: { kind: 'new', name: 'Bezirksregion', rank: 3 },
			keyField: 'Bezirksregion (Nummer)',
			nameField: 'Bezirksregion (Name)',
			parent: { match: 'key', field: 'Prognoseraum (Nummer)', level: { kind: 'file', index: 0 } },
			populationField: null,
			populationYear: null
		},
		{
			level: { kind: 'new', name: 'Planungsraum', rank: 4 },
			keyField: 'Planungsraum (Nummer)',
			nameField: 'Planungsraum (Name)',
			parent: { match: 'key', field: 'Bezirksregion (Nummer)', level: { kind: 'file', index: 1 } },
			populationField: null,
			populationYear: null
		}
	]
};

/** Everything an import could touch, as one comparable snapshot. */
async function snapshot(db: Kysely<DB>) {
	const count = async (table: string) =>
		Number(
			(await sql<{ n: number }>`select count(*)::int as n from ${sql.table(`qk.${table}`)}`.execute(db))
				.rows[0].n
		);
	const areas = await db
		.selectFrom('area')
		.select(['id', 'key', 'name', 'parent_id', 'valid_from', 'valid_to', 'population'])
		.orderBy('id')
		.execute();
	return {
		levels: await db.selectFrom('area_level').selectAll().orderBy('rank').execute(),
		areas,
		runs: await count('import_run'),
		audit: await count('audit_log')
	};
}

async function ancestry(db: Kysely<DB>, levelKey: string, key: string): Promise<string[]> {
	const result = await sql<{ chain: string[] }>`
		with recursive up as (
			select a.id, a.parent_id, l.key || ':' || a.key || ':' || a.name as label, 0 as depth
			from qk.area a join qk.area_level l on l.id = a.level_id
			where l.key = ${levelKey} and a.key = ${key} and a.valid_to is null
			union all
			select p.id, p.parent_id, l.key || ':' || p.key || ':' || p.name, up.depth + 1
			from up join qk.area p on p.id = up.parent_id join qk.area_level l on l.id = p.level_id
		)
		select array_agg(label order by depth) as chain from up`.execute(db);
	return result.rows[0].chain;
}

describeEachDatabase(
	'area import: Berlin Bezirke (Shapefile, Gauss-Krüger) and the LOR hierarchy (CSV)',
	(get) => {
		it('imports the projected Shapefile as level Bezirk with keys made from the names', async () => {
			const { db } = get();
			const result = await importAreas(
				{ db, actor: SYSTEM_ACTOR, now },
				{
					bytes: read(`${GENERATED}/bezirke_gk4_latin1.zip`),
					fileName: 'bezirke_gk4_latin1.zip',
					mapping: BEZIRKE
				}
			);
			if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(t, i, null)).join('\n'));
			expect(result.value.levels).toEqual([
				expect.objectContaining({ key: 'bezirk', name: 'Bezirk', isNew: true, total: 12, new: 12 })
			]);
			expect(result.value.crs).toMatch(/Gauss-Kruger zone 4/);
			const rows = await db
				.selectFrom('area')
				.select(['key', 'name', 'geometry', 'geometry_original', 'bbox', 'valid_from'])
				.orderBy('key')
				.execute();
			expect(rows).toHaveLength(12);
			const tks = rows.find((r) => r.key === 'tempelhof-schoeneberg')!;
			expect(tks.name).toBe('Tempelhof-Schöneberg'); // Latin-1 .dbf read per .cpg
			expect(tks.valid_from).toBe('2021-01-01');
			const box = String(tks.bbox)
				.match(/-?\d+(\.\d+)?/g)!
				.map(Number);
			// Tempelhof-Schöneberg lies around 13.34–13.43 E, 52.37–52.50 N.
			expect(Math.min(box[0], box[2])).toBeGreaterThan(13.3);
			expect(Math.max(box[1], box[3])).toBeLessThan(52.52);
			const geometry = typeof tks.geometry === 'string' ? JSON.parse(tks.geometry) : tks.geometry;
			expect(['Polygon', 'MultiPolygon']).toContain(geometry.type);
			const runs = await sql<{ kind: string; file_name: string; summary: { levels: { total: number }[] } }>`
			select kind, file_name, summary from qk.import_run`.execute(db);
			expect(runs.rows).toHaveLength(1);
			expect(runs.rows[0]).toMatchObject({ kind: 'areas', file_name: 'bezirke_gk4_latin1.zip' });
			// the boundaries' source, named in reports beside the indicators' sources
			const level = await db
				.selectFrom('area_level')
				.select(['geometry_source', 'geometry_licence'])
				.where('key', '=', 'bezirk')
				.executeTakeFirstOrThrow();
			expect(level).toEqual({ geometry_source: 'bezirke_gk4_latin1.zip', geometry_licence: '' });
			const audit = await db.selectFrom('audit_log').select(['action', 'subject_type']).execute();
			expect(audit).toEqual([{ action: 'areas.import', subject_type: 'import_run' }]);
		});

		it('imports the LOR table below it: Bezirk by name, the other levels by key, in one run', async () => {
			const { db } = get();
			const started = performance.now();
			const result = await importAreas(
				{ db, actor: SYSTEM_ACTOR, now },
				{ bytes: read(`${FIXTURES}/LOR_2021.csv`), fileName: 'LOR_2021.csv', mapping: LOR }
			);
			const ms = performance.now() - started;
			if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(t, i, 'table')).join('\n'));
			console.log(`LOR import (542 PLR, 143 BZR, 58 PGR) on ${get().kind}: ${ms.toFixed(0)} ms`);
			expect(result.value.levels.map((l) => [l.name, l.total, l.new])).toEqual([
				['Prognoseraum', 58, 58],
				['Bezirksregion', 143, 143],
				['Planungsraum', 542, 542]
			]);
			const counts = await sql<{ key: string; n: number }>`
			select l.key, count(*)::int as n from qk.area a join qk.area_level l on l.id = a.level_id
			group by l.key order by l.key`.execute(db);
			expect(Object.fromEntries(counts.rows.map((r) => [r.key, r.n]))).toEqual({
				bezirk: 12,
				prognoseraum: 58,
				bezirksregion: 143,
				planungsraum: 542
			});
			expect(await ancestry(db, 'planungsraum', '01100101')).toEqual([
				'planungsraum:01100101:Stülerstraße',
				'bezirksregion:011001:Tiergarten Süd',
				'prognoseraum:0110:Zentrum',
				'bezirk:mitte:Mitte'
			]);
			// Every Planungsraum has the full chain, and it agrees with the table's columns.
			const csv = fs
				.readFileSync(`${FIXTURES}/LOR_2021.csv`, 'utf8')
				.replace(/^\uFEFF/, '')
				.split(/\r?\n/)
				.slice(1);
			const chains = await sql<{ plr: string; bzr: string; pgr: string; bezirk: string }>`
			select p.key as plr, r.key as bzr, g.key as pgr, b.name as bezirk
			from qk.area p join qk.area_level pl on pl.id = p.level_id and pl.key = 'planungsraum'
			join qk.area r on r.id = p.parent_id join qk.area g on g.id = r.parent_id join qk.area b on b.id = g.parent_id
			where b.parent_id is null`.execute(db);
			expect(chains.rows).toHaveLength(542);
			const byPlr = new Map(chains.rows.map((r) => [r.plr, r]));
			for (const line of csv) {
				const cells = line.split(',');
				expect(byPlr.get(cells[1])).toEqual({
					plr: cells[1],
					bzr: cells[3],
					pgr: cells[5],
					bezirk: cells[7]
				});
			}
		});

		it('re-importing the same files changes nothing', async () => {
			const { db } = get();
			const before = await snapshot(db);
			const again = await importAreas(
				{ db, actor: SYSTEM_ACTOR, now },
				{
					bytes: read(`${FIXTURES}/LOR_2021.csv`),
					fileName: 'LOR_2021.csv',
					mapping: {
						...LOR,
						levels: LOR.levels.map((l, i) => ({
							...l,
							level: { kind: 'existing', key: ['prognoseraum', 'bezirksregion', 'planungsraum'][i] }
						}))
					}
				}
			);
			if (!again.ok) throw new Error(again.issues.map((i) => formatIssue(t, i, 'table')).join('\n'));
			expect(again.value.levels.map((l) => l.unchanged)).toEqual([58, 143, 542]);
			const after = await snapshot(db);
			expect(after.areas).toEqual(before.areas);
			expect(after.runs).toBe(before.runs + 1);
		});

		it('a broken file leaves the database exactly as it was and names the row and column', async () => {
			const { db } = get();
			const before = await snapshot(db);
			const attempt = (bytes: Uint8Array, mapping: AreaImportMapping) =>
				importAreas({ db, actor: SYSTEM_ACTOR, now }, { bytes, fileName: 'kaputt', mapping });

			// A zipped Shapefile without .prj.
			const noPrj = await attempt(read(`${GENERATED}/bezirke_utm33_no_prj.zip`), {
				...BEZIRKE,
				levels: [{ ...BEZIRKE.levels[0], level: { kind: 'new', name: 'Bezirk neu', rank: 9 } }]
			});
			expect(noPrj.ok).toBe(false);
			if (!noPrj.ok) {
				expect(noPrj.stage).toBe('file');
				expect(formatIssue(t, noPrj.issues[0], null)).toBe(
					'Die Datei enthält keine .prj-Datei – ohne Angabe des Koordinatensystems können die Flächen nicht verortet werden. Bitte packen Sie die .prj-Datei mit in das ZIP-Archiv.'
				);
			}

			// A key column the file does not have.
			const wrongColumn = await attempt(read(`${FIXTURES}/LOR_2021.csv`), {
				...LOR,
				levels: [
					{ ...LOR.levels[0], level: { kind: 'new', name: 'Test', rank: 9 }, keyField: 'Prognoseraum-Nr' }
				]
			});
			expect(wrongColumn.ok).toBe(false);
			if (!wrongColumn.ok)
				expect(formatIssue(t, wrongColumn.issues[0], 'table')).toBe(
					'Die Spalte bzw. Eigenschaft „Prognoseraum-Nr“ (Ebene „Test“) gibt es in der Datei nicht. Bitte wählen Sie eine vorhandene Spalte.'
				);

			// The LOR table with one key repeated under another name, and one key missing.
			const lines = fs.readFileSync(`${FIXTURES}/LOR_2021.csv`, 'utf8').split('\r\n');
			lines[3] = lines[3].replace('01100103', '01100101'); // line 4 of the file repeats Stülerstraße's key
			lines[16] = lines[16].replace(/^([^,]*),\d{8},/, '$1,,'); // line 17: key missing
			const broken = await attempt(new TextEncoder().encode(lines.join('\r\n')), {
				...LOR,
				levels: LOR.levels.map((l, i) => ({
					...l,
					level: { kind: 'new', name: `Kopie ${i}`, rank: 10 + i },
					parent:
						i === 0
							? { match: 'name', field: 'Bezirk', level: { kind: 'existing', key: 'bezirk' } }
							: l.parent
				}))
			});
			expect(broken.ok).toBe(false);
			if (!broken.ok) {
				const messages = broken.issues.map((i) => formatIssue(t, i, 'table'));
				expect(messages).toContain(
					'Zeile 4, Spalte „Planungsraum (Name)“: Der Schlüssel „01100101“ kommt schon in Zeile 2 vor, dort mit anderem Wert („Stülerstraße“). Jeder Schlüssel darf je Ebene nur einmal mit denselben Angaben vorkommen.'
				);
				expect(messages).toContain('Zeile 17, Spalte „Planungsraum (Nummer)“: Schlüssel fehlt.');
			}

			// Boundaries with a duplicate key: the GeoJSON's "description" is empty for every Bezirk.
			const duplicate = await attempt(read(`${FIXTURES}/bezirksgrenzen.geojson`), {
				...BEZIRKE,
				levels: [
					{
						...BEZIRKE.levels[0],
						level: { kind: 'new', name: 'Bezirk 2', rank: 9 },
						keyField: 'cartodb_id',
						nameField: 'description'
					}
				]
			});
			expect(duplicate.ok).toBe(false);
			if (!duplicate.ok)
				expect(formatIssue(t, duplicate.issues[0], 'boundaries')).toBe(
					'Fläche 1, Eigenschaft „description“: Name fehlt.'
				);

			expect(await snapshot(db)).toEqual(before);
		});

		it('a new boundary version keeps the old one and moves the children to the new version', async () => {
			const { db } = get();
			const old = await db
				.selectFrom('area')
				.innerJoin('area_level', 'area_level.id', 'area.level_id')
				.select(['area.id', 'area.key'])
				.where('area_level.key', '=', 'bezirk')
				.execute();
			// A summed indicator with a value in every Planungsraum of Mitte (parents are derived only when all
			// children have one): the area import must derive the parent levels afresh, for the new version.
			const indicator = await db
				.insertInto('indicator')
				.values({ key: 'verdrahtung', name: 'Verdrahtung (Test)', domain: 'basisdaten', aggregation: 'sum' })
				.returning('id')
				.executeTakeFirstOrThrow();
			const mittePlr = await db
				.selectFrom('area')
				.innerJoin('area_level', 'area_level.id', 'area.level_id')
				.select('area.id')
				.where('area_level.key', '=', 'planungsraum')
				.where('area.key', 'like', '01%')
				.execute();
			expect(mittePlr.length).toBeGreaterThan(10);
			await db
				.insertInto('indicator_value')
				.values(mittePlr.map((a) => ({ indicator_id: indicator.id, area_id: a.id, year: 2021, value: 2 })))
				.execute();
			// The same Bezirke from another file (UTM 33, UTF-8): coordinates differ a little, so all are "changed".
			const result = await importAreas(
				{ db, actor: SYSTEM_ACTOR, now },
				{
					bytes: read(`${FIXTURES}/bezirksgrenzen.geojson`),
					fileName: 'bezirksgrenzen.geojson',
					mapping: {
						...BEZIRKE,
						validFrom: '2024-01-01',
						levels: [{ ...BEZIRKE.levels[0], level: { kind: 'existing', key: 'bezirk' } }]
					}
				}
			);
			if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(t, i, 'boundaries')).join('\n'));
			expect(result.value.levels[0]).toMatchObject({ total: 12, newVersion: 12, new: 0 });
			expect(result.value.repointedChildren).toBe(58);
			const versions = await db
				.selectFrom('area')
				.innerJoin('area_level', 'area_level.id', 'area.level_id')
				.select(['area.id', 'area.key', 'area.valid_from', 'area.valid_to'])
				.where('area_level.key', '=', 'bezirk')
				.where('area.key', '=', 'mitte')
				.orderBy('area.valid_from')
				.execute();
			expect(versions.map((v) => [v.valid_from, v.valid_to])).toEqual([
				['2021-01-01', '2024-01-01'],
				['2024-01-01', null]
			]);
			expect(versions[0].id).toBe(old.find((o) => o.key === 'mitte')!.id);
			expect((await ancestry(db, 'planungsraum', '01100101')).at(-1)).toBe('bezirk:mitte:Mitte');
			const chainEnd = await sql<{ id: string }>`
			select g.parent_id as id from qk.area g join qk.area_level l on l.id = g.level_id
			where l.key = 'prognoseraum' and g.key = '0110'`.execute(db);
			expect(chainEnd.rows[0].id).toBe(versions[1].id);
			const derived = await db
				.selectFrom('indicator_value')
				.select(['area_id', 'value', 'derived'])
				.where('indicator_id', '=', indicator.id)
				.where('area_id', 'in', [versions[0].id, versions[1].id])
				.execute();
			expect(derived).toEqual([{ area_id: versions[1].id, value: 2 * mittePlr.length, derived: true }]);
			await db.deleteFrom('indicator').where('id', '=', indicator.id).execute();
		});

		it('refuses to change a version in place that indicator values use', async () => {
			const { db } = get();
			const mitte = await db
				.selectFrom('area')
				.innerJoin('area_level', 'area_level.id', 'area.level_id')
				.select(['area.id'])
				.where('area_level.key', '=', 'bezirk')
				.where('area.key', '=', 'mitte')
				.where('area.valid_to', 'is', null)
				.executeTakeFirstOrThrow();
			await sql`insert into qk.indicator (key, name, domain) values ('test', 'Test', 'basisdaten')`.execute(
				db
			);
			await sql`insert into qk.indicator_value (indicator_id, area_id, year, value)
			select id, ${mitte.id}::uuid, 2024, 1 from qk.indicator where key = 'test'`.execute(db);
			const before = await snapshot(db);
			const result = await importAreas(
				{ db, actor: SYSTEM_ACTOR, now },
				{
					bytes: read(`${GENERATED}/bezirke_gk4_latin1.zip`),
					fileName: 'bezirke_gk4_latin1.zip',
					mapping: {
						...BEZIRKE,
						validFrom: '2024-01-01',
						levels: [{ ...BEZIRKE.levels[0], level: { kind: 'existing', key: 'bezirk' } }]
					}
				}
			);
			expect(result.ok).toBe(false);
			if (!result.ok) {
				const messages = result.issues.map((i) => formatIssue(t, i, 'boundaries'));
				expect(messages).toHaveLength(1);
				expect(messages[0]).toMatch(/^Fläche 1: Die Version von „mitte“ ab 2024-01-01 wird schon von Daten/);
			}
			expect(await snapshot(db)).toEqual(before);
		});
	}
);
