// Tables as statistics offices publish them, imported against the Berlin LOR hierarchy on PGlite and
// PostgreSQL: the real Baufertigstellungen report (24 sheets, merged five-row headers, Bezirk rows by
// name) and the shapes scripts/fixtures/make-tables.ts derives from the real residents file.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	commitIndicatorImport,
	describeIssue,
	getIndicatorByKey,
	listIndicatorValues,
	previewIndicatorImport,
	suggestIndicatorImport
} from '../../../src/lib/server/indicators';
import { readTable, type Table, type TableOptions } from '../../../src/lib/server/imports/table-file';
import { describeEachDatabase } from '../helpers/db';
import { insertBerlinAreas } from './berlin';

const t = translator('de');
const now = new Date('2026-02-01T10:00:00Z');
const BAU = path.resolve(
	__dirname,
	'../../../../shared/fixtures/berlin-baufertigstellungen-2023/SB_F02-02-00_2023j01_BE.xlsx'
);
const GENERATED = path.resolve(__dirname, '../../fixtures/generated');

async function table(bytes: Uint8Array, options: TableOptions = {}): Promise<Table> {
	const result = await readTable(bytes, options);
	if (!result.ok) throw new Error(result.code);
	return result.table;
}

async function counts(db: Parameters<typeof insertBerlinAreas>[0]) {
	const row = await sql<{ values: number; indicators: number; runs: number }>`
		select (select count(*)::int from qk.indicator_value) as values,
		       (select count(*)::int from qk.indicator) as indicators,
		       (select count(*)::int from qk.import_run) as runs`.execute(db);
	return row.rows[0];
}

describeEachDatabase('indicator import: published tables', (get) => {
	const ctx = () => ({ db: get().db, actor: SYSTEM_ACTOR, now });

	beforeAll(async () => {
		await insertBerlinAreas(get().db);
	});

	it('real report, sheet "BAUÜB Tab. 16": Bezirk rows matched by name, other breakdowns listed, 12 Bezirke imported', async () => {
		const file = await table(new Uint8Array(fs.readFileSync(BAU)), { sheet: 'BAUÜB Tab. 16' });
		const s = await suggestIndicatorImport(get().db, file, 'bezirk', { year: 2023 });
		if (!s.ok) throw new Error(s.code);
		expect(s.mapping.roles[0]).toBe('key');
		const preview = await previewIndicatorImport(get().db, file, s.mapping);
		if (!preview.ok) throw new Error(JSON.stringify(preview));
		expect(preview.value.matchedRows).toBe(12);
		expect(preview.value.unmatched.map((u) => u.name || u.key)).toContain('Wohngebäude mit 1 Wohnung');
		const refused = await commitIndicatorImport(ctx(), {
			fileName: 'bau.xlsx',
			table: file,
			mapping: s.mapping
		});
		expect(refused).toMatchObject({ ok: false, code: 'unmatched_keys' });
		const done = await commitIndicatorImport(ctx(), {
			fileName: 'SB_F02-02-00_2023j01_BE.xlsx',
			table: file,
			mapping: { ...s.mapping, skipUnmatched: true },
			source: 'Amt für Statistik Berlin-Brandenburg, F II 2 – j/23 (CC BY 3.0 DE)'
		});
		if (!done.ok) throw new Error(done.code);
		expect(done.value.values).toBe(12 * 6);
		const total = done.value.createdIndicators.find((c) => c.name === 'Bauüberhang insgesamt (Anzahl)')!;
		const indicator = (await getIndicatorByKey(get().db, total.key))!;
		expect(indicator.source).toBe('Amt für Statistik Berlin-Brandenburg, F II 2 – j/23 (CC BY 3.0 DE)');
		const values = await listIndicatorValues(get().db, {
			indicatorId: total.id,
			levelKey: 'bezirk',
			year: 2023
		});
		expect(values.find((v) => v.areaName === 'Mitte')?.value).toBe(494);
		expect(values.find((v) => v.areaName === 'Reinickendorf')?.value).toBe(512);
	});

	it('derived XLSX: title, merged three-row header, spacer column, footnote markers, subtotal and total rows', async () => {
		const file = await table(
			new Uint8Array(fs.readFileSync(path.join(GENERATED, 'einwohner_bezirk_mitte.xlsx')))
		);
		const s = await suggestIndicatorImport(get().db, file, 'planungsraum', { year: 2022 });
		if (!s.ok) throw new Error(s.code);
		expect(s.mapping.roles).toEqual(['key', 'name', 'series', 'series', 'series', 'series']);
		const preview = await previewIndicatorImport(get().db, file, s.mapping);
		if (!preview.ok) throw new Error(JSON.stringify(preview));
		expect(preview.value.unmatched).toEqual([]);
		expect(preview.value.totals.map((r) => r.name)).toEqual([
			'Bezirksregion 011001 zusammen',
			'Bezirksregion 011002 zusammen',
			'Bezirksregion 011003 zusammen',
			'Bezirksregion 011004 zusammen',
			'Mitte insgesamt'
		]);
		expect(preview.value.matchedRows).toBe(16);
		const under6 = preview.value.series.find((p) => p.source === 'Einwohner – unter 6 Jahren (Anzahl)')!;
		expect(under6.placeholders).toEqual({ unknown_or_secret: 1 });
		const done = await commitIndicatorImport(ctx(), {
			fileName: 'einwohner.xlsx',
			table: file,
			mapping: s.mapping
		});
		if (!done.ok) throw new Error(done.code);
		const key = done.value.createdIndicators.find((c) => c.name === 'Einwohner – insgesamt (Anzahl)')!;
		const rows = await listIndicatorValues(get().db, {
			indicatorId: key.id,
			levelKey: 'planungsraum',
			year: 2022
		});
		// "3503¹": the footnote marker is dropped, the number kept.
		expect(rows.find((r) => r.areaKey === '01100101')?.value).toBe(3503);
	});

	it('a cell that cannot be read names the sheet row and the combined column name, and changes nothing', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(
			fs.readFileSync(path.join(GENERATED, 'einwohner_bezirk_mitte.xlsx')) as unknown as ArrayBuffer
		);
		wb.getWorksheet('T1 Planungsräume ')!.getCell('F9').value = 'ca. 2500';
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const file = await table(bytes);
		const s = await suggestIndicatorImport(get().db, file, 'planungsraum', { year: 2021 });
		if (!s.ok) throw new Error(s.code);
		const before = await counts(get().db);
		const result = await commitIndicatorImport(ctx(), {
			fileName: 'kaputt.xlsx',
			table: file,
			mapping: s.mapping
		});
		expect(result.ok).toBe(false);
		if (result.ok || result.code !== 'invalid_file') throw new Error('expected invalid_file');
		expect(result.issues.map((i) => describeIssue(i, t))).toEqual([
			'Zeile 9, Spalte „Einwohner – weiblich (Anzahl)“: „ca. 2500“ ist keine Zahl.'
		]);
		expect(await counts(get().db)).toEqual(before);
	});

	it('several levels in one key column: with allLevels each row goes to its level, counted per level', async () => {
		const csv = [
			'Gebiet;Name;Wohnungen',
			'01;Mitte;1 234',
			'0110;Zentrum;456',
			'01100101;Stülerstraße;12',
			'01100102;Großer Tiergarten;3',
			'Berlin insgesamt;;99 999'
		].join('\r\n');
		const file = await table(new TextEncoder().encode(csv));
		const s = await suggestIndicatorImport(get().db, file, 'planungsraum', { year: 2024, allLevels: true });
		if (!s.ok) throw new Error(s.code);
		const preview = await previewIndicatorImport(get().db, file, s.mapping);
		if (!preview.ok) throw new Error(JSON.stringify(preview));
		expect(preview.value.perLevel).toEqual({ planungsraum: 2, bezirk: 1, prognoseraum: 1 });
		expect(preview.value.totals).toEqual([{ key: 'Berlin insgesamt', name: '', row: 6, levelKey: null }]);
		const single = await previewIndicatorImport(get().db, file, { ...s.mapping, allLevels: false });
		if (!single.ok) throw new Error('preview');
		expect(single.value.perLevel).toEqual({ planungsraum: 2 });
		expect(single.value.totals.map((r) => [r.key, r.levelKey])).toEqual([
			['01', 'bezirk'],
			['0110', 'prognoseraum'],
			['Berlin insgesamt', null]
		]);
		const done = await commitIndicatorImport(ctx(), {
			fileName: 'ebenen.csv',
			table: file,
			mapping: s.mapping
		});
		if (!done.ok) throw new Error(done.code);
		const id = done.value.indicatorIds[0];
		const bezirke = await listIndicatorValues(get().db, { indicatorId: id, levelKey: 'bezirk', year: 2024 });
		// The Bezirk's own value wins over the sum of its Planungsräume.
		expect(bezirke.find((b) => b.areaKey === '01')).toMatchObject({ value: 1234, derived: false });
	});
});
