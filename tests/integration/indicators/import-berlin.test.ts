// Imports the real Berlin MSS 2021 files unchanged against the LOR hierarchy, on PGlite and PostgreSQL.
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import {
	commitIndicatorImport,
	createIndicator,
	describeIssue,
	IndicatorInput,
	listIndicatorValues,
	indicatorYears,
	previewIndicatorImport,
	suggestIndicatorImport,
	type ImportMapping
} from '../../../src/lib/server/indicators';
import type { Table } from '../../../src/lib/server/imports/table-file';
import { describeEachDatabase } from '../helpers/db';
import {
	encodeWindows1252,
	fixtureBytes,
	fixtureTable,
	insertBerlinAreas,
	tableOf,
	type BerlinAreas
} from './berlin';

const t = translator('de');
const now = new Date('2026-02-01T10:00:00Z');

async function counts(db: Parameters<typeof insertBerlinAreas>[0]) {
	const row = await sql<{ values: number; indicators: number; runs: number; audit: number }>`
		select (select count(*)::int from qk.indicator_value) as values,
		       (select count(*)::int from qk.indicator) as indicators,
		       (select count(*)::int from qk.import_run) as runs,
		       (select count(*)::int from qk.audit_log) as audit`.execute(db);
	return row.rows[0];
}

describeEachDatabase('indicator import: Berlin MSS 2021', (get) => {
	let areas: BerlinAreas;
	const ctx = () => ({ db: get().db, actor: SYSTEM_ACTOR, now });

	async function mappingFor(table: Table, hints: Parameters<typeof suggestIndicatorImport>[3]) {
		const s = await suggestIndicatorImport(get().db, table, 'planungsraum', hints);
		if (!s.ok) throw new Error(s.code);
		return s.mapping;
	}

	beforeAll(async () => {
		areas = await insertBerlinAreas(get().db);
		expect(areas.ids.planungsraum.size).toBe(542);
		expect(areas.ids.bezirk.size).toBe(12);
	});

	it('imports the context indicators (wide, one year for the file) with empty cells as missing', async () => {
		const table = await fixtureTable('mss_2021_kontext-indikatoren_anteile_plr.csv');
		const mapping = await mappingFor(table, { year: 2021 });
		expect(mapping.layout).toBe('wide');
		expect(mapping.decimal).toBe('.');
		expect(table.columns[mapping.roles.indexOf('key')]).toBe('PLR-ID');
		expect(table.columns[mapping.roles.indexOf('name')]).toBe('PLR-Name');
		const k01 = mapping.series.find((s) => s.source === 'K01')!;
		expect(k01).toMatchObject({
			action: 'new',
			valueType: 'numeric',
			meta: { key: 'K01', domain: 'basisdaten' }
		});

		const preview = await previewIndicatorImport(get().db, table, mapping);
		if (!preview.ok) throw new Error(JSON.stringify(preview));
		expect(preview.value.unmatched).toEqual([]);
		const k01Preview = preview.value.series.find((s) => s.source === 'K01')!;
		expect(k01Preview.placeholders.missing).toBeGreaterThan(0);
		expect(k01Preview.values + (k01Preview.placeholders.missing ?? 0)).toBe(table.rows.length);
		const k06 = preview.value.series.find((s) => s.source === 'K06')!;
		expect(k06.min).toBeLessThan(0);

		const result = await commitIndicatorImport(ctx(), {
			fileName: 'mss_2021_kontext-indikatoren_anteile_plr.csv',
			table,
			mapping
		});
		if (!result.ok) throw new Error(JSON.stringify(result));
		expect(result.value.values).toBe(table.rows.length * mapping.series.length);

		const indicator = await get()
			.db.selectFrom('indicator')
			.select('id')
			.where('key', '=', 'K01')
			.executeTakeFirstOrThrow();
		expect(await indicatorYears(get().db, indicator.id)).toEqual([2021]);
		const values = await listIndicatorValues(get().db, {
			indicatorId: indicator.id,
			levelKey: 'planungsraum',
			year: 2021
		});
		const first = values.find((v) => v.areaKey === '01100101')!;
		expect(first).toMatchObject({ value: 2.82, reason: null, hasValue: true, derived: false });
		const empty = values.find((v) => v.areaKey === '03300515')!;
		expect(empty).toMatchObject({ value: null, reason: 'missing', hasValue: true });
		// Shares without counts are never aggregated.
		const bezirke = await listIndicatorValues(get().db, {
			indicatorId: indicator.id,
			levelKey: 'bezirk',
			year: 2021
		});
		expect(bezirke.every((b) => !b.hasValue)).toBe(true);
	});

	it('imports the z-values with the class-label columns as categorical indicators', async () => {
		const table = await fixtureTable('mss_2021_index-indikatoren_z-werte_plr.csv');
		const mapping = await mappingFor(table, { year: 2021 });
		const status = mapping.series.find((s) => s.source === 'Zuordnung Klasse Status-Index')!;
		expect(status).toMatchObject({ action: 'new', valueType: 'categorical' });
		const dynamik = mapping.series.find((s) => s.source === 'Zuordnung Klasse Dynamik-Index')!;
		expect(dynamik).toMatchObject({ action: 'new', valueType: 'categorical' });
		expect(mapping.series.find((s) => s.source === 'zS1')).toMatchObject({ valueType: 'numeric' });
		// "EW 31.12.2020" already exists from the context file: mapped to it, not created twice.
		const ew = await get()
			.db.selectFrom('indicator')
			.select('id')
			.where('name', '=', 'EW 31.12.2020')
			.executeTakeFirstOrThrow();
		expect(mapping.series.find((s) => s.source === 'EW 31.12.2020')).toEqual({
			source: 'EW 31.12.2020',
			action: 'existing',
			indicatorId: ew.id
		});
		const result = await commitIndicatorImport(ctx(), { fileName: 'z.csv', table, mapping });
		if (!result.ok) throw new Error(JSON.stringify(result));
		const indicator = await get()
			.db.selectFrom('indicator')
			.select(['id', 'categories', 'value_type', 'aggregation'])
			.where('name', '=', 'Zuordnung Klasse Status-Index')
			.executeTakeFirstOrThrow();
		expect(indicator.value_type).toBe('categorical');
		expect(indicator.aggregation).toBe('none');
		const categories = (
			typeof indicator.categories === 'string' ? JSON.parse(indicator.categories) : indicator.categories
		) as string[];
		expect([...categories].sort()).toEqual(['hoch', 'mittel', 'niedrig', 'sehr niedrig']);
		const values = await listIndicatorValues(get().db, {
			indicatorId: indicator.id,
			levelKey: 'planungsraum',
			year: 2021
		});
		expect(values.find((v) => v.areaKey === '01100102')).toMatchObject({ category: 'hoch', value: null });
		expect(values.find((v) => v.areaKey === '03400831')).toMatchObject({ category: null, reason: 'missing' });
	});

	it('imports the residents table (key in the last column, "–" as zero): age groups add up to the total, also in every Bezirk', async () => {
		const table = await fixtureTable('einwohnerbestand_06-2022_plr.csv');
		const mapping = await mappingFor(table, { year: 2022 });
		expect(table.columns[mapping.roles.indexOf('key')]).toBe('PLR-ID');
		for (const s of mapping.series) expect(s).toMatchObject({ action: 'new', meta: { aggregation: 'sum' } });
		const result = await commitIndicatorImport(ctx(), { fileName: 'einwohner.csv', table, mapping });
		if (!result.ok) throw new Error(JSON.stringify(result));
		expect(result.value.derivedValues).toBeGreaterThan(0);

		const ids = new Map(
			(await get().db.selectFrom('indicator').select(['id', 'name']).execute()).map((i) => [i.name, i.id])
		);
		const read = async (name: string, levelKey: string) =>
			new Map(
				(await listIndicatorValues(get().db, { indicatorId: ids.get(name)!, levelKey, year: 2022 })).map(
					(v) => [v.areaKey, v]
				)
			);
		const groups = ['unter6', '6-15', '15-18', '18-27', '27-45', '45-55', '55-65', '65undmehr'];
		for (const levelKey of ['planungsraum', 'bezirksregion', 'prognoseraum', 'bezirk']) {
			const total = await read('Gesamt', levelKey);
			const parts = await Promise.all(groups.map((g) => read(g, levelKey)));
			let checked = 0;
			for (const [key, row] of total) {
				if (!row.hasValue) continue;
				expect(
					parts.reduce((s, p) => s + p.get(key)!.value!, 0),
					`${levelKey} ${key}`
				).toBe(row.value);
				checked++;
			}
			expect(checked, levelKey).toBeGreaterThan(0);
		}
		// "Pankower Tor": every cell "–" → zeros, not gaps.
		const plrTotal = await read('Gesamt', 'planungsraum');
		expect(plrTotal.get('03400831')).toMatchObject({ value: 0, reason: null });
		// Each Bezirk equals the sum of its PLRs (and is marked derived).
		const bezirkTotal = await read('Gesamt', 'bezirk');
		expect(bezirkTotal.size).toBe(12);
		for (const [bezirkKey, row] of bezirkTotal) {
			let sum = 0;
			for (const [plr, v] of plrTotal) if (areas.bezirkOf.get(plr) === bezirkKey) sum += v.value ?? 0;
			expect(row).toMatchObject({ value: sum, derived: true });
		}
		const berlin = [...bezirkTotal.values()].reduce((s, r) => s + r.value!, 0);
		expect(berlin).toBeGreaterThan(3_600_000);
	});

	it('computes a rate at every level from summed numerator and denominator', async () => {
		const ids = new Map(
			(await get().db.selectFrom('indicator').select(['id', 'name']).execute()).map((i) => [i.name, i.id])
		);
		const input = IndicatorInput.parse({
			key: 'anteil-unter6',
			name: 'Anteil Kinder unter 6 Jahren',
			domain: 'basisdaten',
			unit: '%',
			aggregation: 'rate',
			numeratorId: ids.get('unter6'),
			denominatorId: ids.get('Gesamt'),
			scale: '100'
		});
		const created = await createIndicator(ctx(), input);
		if (!created.ok) throw new Error(created.code);
		const rate = await listIndicatorValues(get().db, {
			indicatorId: created.value.id,
			levelKey: 'bezirk',
			year: 2022
		});
		const under6 = await listIndicatorValues(get().db, {
			indicatorId: ids.get('unter6')!,
			levelKey: 'bezirk',
			year: 2022
		});
		const total = await listIndicatorValues(get().db, {
			indicatorId: ids.get('Gesamt')!,
			levelKey: 'bezirk',
			year: 2022
		});
		expect(rate).toHaveLength(12);
		rate.forEach((r, i) => {
			expect(r.value).toBeCloseTo((under6[i].value! / total[i].value!) * 100, 10);
			expect(r).toMatchObject({ derived: true, count: under6[i].value, denominator: total[i].value });
		});
		// Weighted by the denominator, not the mean of the PLR shares.
		const plr = await listIndicatorValues(get().db, {
			indicatorId: created.value.id,
			levelKey: 'planungsraum',
			year: 2022
		});
		const withShare = plr.filter((p) => p.value !== null);
		const mean = withShare.reduce((s, p) => s + p.value!, 0) / withShare.length;
		const cityRate =
			(under6.reduce((s, r) => s + r.value!, 0) / total.reduce((s, r) => s + r.value!, 0)) * 100;
		expect(Math.abs(mean - cityRate)).toBeGreaterThan(0.001);
	});

	it('reads a Windows-1252 decimal-comma CSV and an XLSX of the same data to the same values', async () => {
		const original = await fixtureTable('mss_2021_kontext-indikatoren_anteile_plr.csv');
		const comma = [original.columns, ...original.rows]
			.map((r, i) => (i === 0 ? r : r.map((c, n) => (n >= 2 ? c.replace('.', ',') : c))).join(';'))
			.join('\r\n');
		const cp1252 = await tableOf(encodeWindows1252(comma));
		expect(cp1252.encoding).toBe('windows-1252');
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('MSS 2021');
		sheet.addRow(original.columns);
		for (const r of original.rows) sheet.addRow(r.map((c, n) => (n >= 2 && c !== '' ? Number(c) : c)));
		const xlsx = await tableOf(new Uint8Array(await workbook.xlsx.writeBuffer()));
		expect(xlsx.encoding).toBe('xlsx');

		const results = [];
		for (const table of [original, cp1252, xlsx]) {
			const mapping = await mappingFor(table, { year: 2020 });
			const preview = await previewIndicatorImport(get().db, table, mapping);
			if (!preview.ok) throw new Error(JSON.stringify(preview));
			results.push({ mapping, preview: preview.value });
		}
		expect(results[1].mapping.decimal).toBe(',');
		expect(results[1].preview.series.find((s) => s.source === 'K13')).toEqual(
			results[0].preview.series.find((s) => s.source === 'K13')
		);
		expect(results[2].preview.series).toEqual(results[0].preview.series);
		expect(results[1].preview.series).toEqual(results[0].preview.series);
		// The names decode (Windows-1252 "ü", "ß").
		expect(cp1252.rows[0][1]).toBe('Stülerstraße');

		const commit = await commitIndicatorImport(ctx(), {
			fileName: 'kontext.xlsx',
			table: xlsx,
			mapping: results[2].mapping
		});
		if (!commit.ok) throw new Error(JSON.stringify(commit));
		const k01 = await get()
			.db.selectFrom('indicator')
			.select('id')
			.where('key', '=', 'K01')
			.executeTakeFirstOrThrow();
		expect(await indicatorYears(get().db, k01.id)).toEqual([2020, 2021]);
		const [y2020, y2021] = await Promise.all(
			[2020, 2021].map((year) =>
				listIndicatorValues(get().db, { indicatorId: k01.id, levelKey: 'planungsraum', year })
			)
		);
		expect(y2020.map((v) => [v.value, v.reason])).toEqual(y2021.map((v) => [v.value, v.reason]));
	});

	it('refuses text in a number column, naming row and column, and leaves the database unchanged', async () => {
		const bytes = new TextDecoder().decode(fixtureBytes('mss_2021_kontext-indikatoren_anteile_plr.csv'));
		const lines = bytes.split('\r\n');
		const cells = lines[11].split(';');
		cells[5] = 'abc';
		lines[11] = cells.join(';');
		const table = await tableOf(new TextEncoder().encode(lines.join('\r\n')));
		const mapping = await mappingFor(table, { year: 2019 });
		const before = await counts(get().db);
		const result = await commitIndicatorImport(ctx(), { fileName: 'kaputt.csv', table, mapping });
		expect(result.ok).toBe(false);
		if (result.ok || result.code !== 'invalid_file') throw new Error('expected invalid_file');
		expect(result.issues).toHaveLength(1);
		expect(describeIssue(result.issues[0], t)).toBe('Zeile 12, Spalte „K03“: „abc“ ist keine Zahl.');
		expect(await counts(get().db)).toEqual(before);
	});

	it('lists unmatched area keys in the preview and imports only when told to skip them', async () => {
		const table = await fixtureTable('einwohnerbestand_06-2022_plr.csv');
		const extra: Table = {
			...table,
			rows: [...table.rows.slice(0, 3), ['10', '1', '1', '1', '1', '1', '1', '1', '3', '5', '1', '99999999']]
		};
		const mapping: ImportMapping = { ...(await mappingFor(extra, { year: 2023 })), skipUnmatched: false };
		const preview = await previewIndicatorImport(get().db, extra, mapping);
		if (!preview.ok) throw new Error(JSON.stringify(preview));
		expect(preview.value.unmatched).toEqual([{ key: '99999999', name: '', row: 5, rows: 1 }]);
		const before = await counts(get().db);
		const refused = await commitIndicatorImport(ctx(), { fileName: 'extra.csv', table: extra, mapping });
		expect(refused).toMatchObject({ ok: false, code: 'unmatched_keys' });
		expect(await counts(get().db)).toEqual(before);
		const done = await commitIndicatorImport(ctx(), {
			fileName: 'extra.csv',
			table: extra,
			mapping: { ...mapping, skipUnmatched: true }
		});
		if (!done.ok) throw new Error(JSON.stringify(done));
		expect(done.value).toMatchObject({ values: 3 * 11, skippedKeys: 1 });
		const run = await get()
			.db.selectFrom('import_run')
			.select(['summary', 'kind'])
			.where('id', '=', done.value.importId)
			.executeTakeFirstOrThrow();
		expect(run.kind).toBe('indicators');
		const summary = (typeof run.summary === 'string' ? JSON.parse(run.summary) : run.summary) as {
			skippedKeys: string[];
		};
		expect(summary.skippedKeys).toEqual(['99999999']);
	});
});
