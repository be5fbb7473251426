// Which areas a report shows, on both databases: a saved definition keeps its areas after a boundary
// re-import (the import retires the rows and inserts new versions under new ids), and the report's
// small map draws the chosen areas even when they come from two levels (model, and the map's PNG in
// the DOCX).
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { formatIssue, importAreas, type AreaImportMapping } from '../../../src/lib/server/area-import';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { translator } from '../../../src/lib/i18n';
import type { AreaMap } from '../../../src/lib/reports/model';
import { chartSize, chartSvg } from '../../../src/lib/reports/svg';
import {
	composeReport,
	getReportDefinition,
	listReportDefinitions,
	previewDefinition,
	renderReport,
	ReportDefinitionInput,
	runReportDefinition,
	saveReportDefinition
} from '../../../src/lib/server/reports';
import { svgToPng } from '../../../src/lib/server/reports/render-docx';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree } from '../helpers/roles-fixtures';

const config = { smallCountK: 3, smallAreaPopulation: 1000 };
const t = translator('de');

/** A square around (x, y) in WGS84 of side d degrees. */
const square = (x: number, y: number, d = 0.02) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[x, y],
			[x + d, y],
			[x + d, y + d],
			[x, y + d],
			[x, y]
		]
	]
});

function bezirke(suffix: string, shift: number): Uint8Array {
	const features = [
		['01', 'Mitte', 13.38],
		['02', 'Nord', 13.41],
		['03', 'Süd', 13.44]
	].map(([nr, name, x]) => ({
		type: 'Feature',
		properties: { nr, name: `${name}${suffix}`, ew: 5000 },
		geometry: square((x as number) + shift, 52.5)
	}));
	return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
}

const mapping = (validFrom: string, existing: boolean): AreaImportMapping => ({
	validFrom,
	levels: [
		{
			level: existing ? { kind: 'existing', key: 'bezirk' } : { kind: 'new', name: 'Bezirk', rank: 1 },
			keyField: 'nr',
			nameField: 'name',
			parent: { match: 'none' },
			populationField: 'ew',
			populationYear: 2023
		}
	]
});

const reportAreaNames = (doc: { templateData: Record<string, unknown> }) =>
	(doc.templateData.areas as { name: string }[]).map((a) => a.name);

const mapOf = (doc: Awaited<ReturnType<typeof composeReport>>): AreaMap | null => {
	const block = doc.blocks.find((b) => b.type === 'chart' && b.chart.kind === 'map');
	return block?.type === 'chart' && block.chart.kind === 'map' ? block.chart : null;
};

describeEachDatabase('reports: areas of a saved definition and the small map', (get) => {
	it('re-runs a saved definition on the current versions of its areas after a boundary re-import', async () => {
		const { db } = get();
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date('2026-12-01T10:00:00Z'), config };
		const first = await importAreas(ctx, {
			bytes: bezirke('', 0),
			fileName: 'bezirke-2021.geojson',
			mapping: mapping('2021-01-01', false)
		});
		if (!first.ok) throw new Error(first.issues.map((i) => formatIssue(t, i, 'boundaries')).join('\n'));
		const old = await db
			.selectFrom('area')
			.select(['id', 'key'])
			.where('key', 'in', ['01', '03'])
			.orderBy('key')
			.execute();
		expect(old).toHaveLength(2);
		const saved = await saveReportDefinition(
			ctx,
			ReportDefinitionInput.parse({ title: 'Bezirksbericht', areaIds: old.map((a) => a.id) })
		);
		if (!saved.ok) throw new Error(saved.code);
		expect(reportAreaNames((await previewDefinition(ctx, saved.value.id))!)).toEqual(['Mitte', 'Süd']);

		// new boundaries: every Bezirk changed, so each gets a new version with a new id
		const second = await importAreas(
			{ ...ctx, now: new Date('2027-01-05T10:00:00Z') },
			{
				bytes: bezirke(' (2024)', 0.001),
				fileName: 'bezirke-2024.geojson',
				mapping: mapping('2024-01-01', true)
			}
		);
		if (!second.ok) throw new Error(second.issues.map((i) => formatIssue(t, i, 'boundaries')).join('\n'));
		expect(second.value.levels[0]).toMatchObject({ newVersion: 3 });
		const current = await db
			.selectFrom('area')
			.select(['id', 'key'])
			.where('key', 'in', ['01', '03'])
			.where('valid_to', 'is', null)
			.orderBy('key')
			.execute();
		expect(current.map((a) => a.id)).not.toEqual(old.map((a) => a.id));

		const later = { ...ctx, now: new Date('2027-01-10T10:00:00Z') };
		const def = await getReportDefinition(later, saved.value.id);
		expect(def?.areaIds).toEqual(current.map((a) => a.id));
		expect((await listReportDefinitions(later)).items.find((d) => d.id === saved.value.id)?.areaIds).toEqual(
			current.map((a) => a.id)
		);
		const preview = await previewDefinition(later, saved.value.id);
		expect(reportAreaNames(preview!)).toEqual(['Mitte (2024)', 'Süd (2024)']);
		// the run draws them on the map too
		expect(
			mapOf(preview!)
				?.shapes.filter((s) => s.selected)
				.map((s) => s.label)
		).toEqual(['Mitte (2024)', 'Süd (2024)']);
		const run = await runReportDefinition(later, saved.value.id, 'docx');
		expect(run.ok).toBe(true);

		// a row deleted outright (not retired) is found again by the key it had when chosen
		await db
			.updateTable('report_definition')
			.set({ area_ids: [crypto.randomUUID(), current[1].id] })
			.where('id', '=', saved.value.id)
			.execute();
		expect((await getReportDefinition(later, saved.value.id))?.areaIds).toEqual(current.map((a) => a.id));
	}, 120_000);

	it('draws chosen areas of two levels on the small map, and the DOCX carries the map as PNG', async () => {
		const { db } = get();
		const tree = await insertAreaTree(db, 'm');
		const shapes: [string, ReturnType<typeof square>][] = [
			[tree.nord, square(13.3, 52.5, 0.1)],
			[tree.sued, square(13.4, 52.5, 0.1)],
			[tree.hafen, square(13.42, 52.52, 0.05)],
			[tree.quartierC, square(13.43, 52.53, 0.02)]
		];
		for (const [id, geometry] of shapes)
			await db
				.updateTable('area')
				.set({ geometry: JSON.stringify(geometry) })
				.where('id', '=', id)
				.execute();
		const ctx = { db, actor: SYSTEM_ACTOR, now: new Date('2026-12-01T10:00:00Z'), config };
		const doc = await composeReport(ctx, {
			title: 'Nord und Quartier C',
			areaIds: [tree.nord, tree.quartierC],
			indicatorKeys: [],
			consultationIds: [],
			themeIds: [],
			locale: 'de'
		});
		const map = mapOf(doc);
		expect(map).not.toBeNull();
		// the Bezirke as background (Nord chosen), Quartier C (another level) drawn chosen on top
		expect(map!.shapes.map((s) => [s.label, s.selected])).toEqual([
			['Nord', true],
			['Süd', false],
			['Quartier C', true]
		]);
		expect(map!.shapes.every((s) => s.d.startsWith('M'))).toBe(true);

		const file = await renderReport(doc, 'docx');
		const zip = await JSZip.loadAsync(file.bytes);
		const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
		// no indicators chosen: the map is the report's only picture
		expect(media).toHaveLength(1);
		const png = await zip.file(media[0])!.async('uint8array');
		expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
		const expected = svgToPng(chartSvg(map!, 'de'), chartSize(map!, 'de').width);
		expect(Buffer.from(png).equals(expected)).toBe(true);
		// and the map's picture shows both chosen areas filled
		expect(chartSvg(map!, 'de').match(/fill="#2b5c8a"/g)).toHaveLength(2);
	}, 120_000);
});
