import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import {
	buildReportDocument,
	diffFigures,
	protectCount,
	protectedTotal,
	type Block,
	type ReportInput
} from '../../../src/lib/reports/model';
import { barLayout, chartSvg, escapeXml } from '../../../src/lib/reports/svg';

const t = translator('de');

function input(overrides: Partial<ReportInput> = {}): ReportInput {
	return {
		title: 'Testbericht',
		cityName: 'Musterstadt',
		generatedAt: new Date('2026-03-01T10:00:00Z'),
		locale: 'de',
		k: 3,
		minPopulation: 1000,
		licence: 'dl-de/by-2-0',
		areas: [
			{ id: 'a1', key: '01', name: 'Altstadt', levelName: 'Stadtteil', population: 4000 },
			{ id: 'a2', key: '02', name: 'Hafen', levelName: 'Stadtteil', population: 2000 }
		],
		indicators: [
			{
				key: 'kinderarmut',
				name: 'Kinderarmut',
				unit: '%',
				definition: 'Anteil …',
				source: 'Jobcenter',
				licence: '',
				asOf: '2025-12-31',
				year: 2025,
				scale: 1
			}
		],
		figures: [
			{
				areaKey: '01',
				indicatorKey: 'kinderarmut',
				value: 24.6,
				count: 120,
				suppressed: false,
				city: 12.7,
				cityCount: 900
			},
			{
				areaKey: '02',
				indicatorKey: 'kinderarmut',
				value: null,
				count: null,
				suppressed: true,
				city: 12.7,
				cityCount: 900
			}
		],
		reach: [
			{
				areaKey: '01',
				indexClass: 'high_attention',
				figures: [{ key: 'contributions', online: 10, analog: 5, per1000: 3.8 }]
			},
			{
				areaKey: '02',
				indexClass: null,
				figures: [{ key: 'contributions', online: 2, analog: 4, per1000: 3 }]
			}
		],
		consultations: [],
		themes: [
			{
				name: 'Spielplätze',
				synthesis: 'Mehr Schatten.',
				count: 7,
				quotes: ['Der Spielplatz braucht Bäume.']
			},
			{ name: 'Seltenes', synthesis: '', count: 2, quotes: ['Nur zwei sagen das.'] }
		],
		ideas: [{ title: 'Trinkbrunnen', status: 'angenommen', response: 'Wird 2027 gebaut.' }],
		measures: [{ title: 'Neue Bänke', status: 'in Umsetzung', progress: 40 }],
		map: null,
		previous: null,
		figureLabels: { contributions: 'Beiträge' },
		indexClassLabels: { high_attention: 'erhöhter Aufmerksamkeitsbedarf' },
		...overrides
	};
}

const table = (blocks: Block[], key: string) => {
	const b = blocks.find((x) => x.type === 'table' && x.key === key);
	if (!b || b.type !== 'table') throw new Error(`no table ${key}`);
	return b;
};

describe('small numbers in the model', () => {
	it('protectCount keeps 0 and counts ≥ k, hides 1 … k−1', () => {
		expect([0, 1, 2, 3, 10].map((n) => protectCount(n, 3))).toEqual([0, null, null, 3, 10]);
		expect(protectedTotal([3, 4])).toBe(7);
		expect(protectedTotal([3, null])).toBeNull();
	});

	it('hides a channel below k together with its area total, and the sum over areas', () => {
		const doc = buildReportDocument(input(), t);
		const reach = table(doc.blocks, 'Beteiligung');
		expect(reach.rows[0].slice(0, 6)).toEqual(['Altstadt', 'Beiträge', 10, 5, 15, 3.8]);
		// Hafen: 2 online is below k → online, analog and total hidden (4 analog would give 2 back)
		expect(reach.rows[1].slice(2, 6)).toEqual(['.', '.', '.', '.']);
		const channels = table(doc.blocks, 'Wege');
		expect(channels.rows[0]).toEqual(['Beiträge', '.', '.']);
		expect(doc.figures['reach:02']).toBeNull();
		expect(doc.figures['reach:01']).toBe(15);
	});

	it('hides a suppressed indicator value and its count, shows the city average beside it', () => {
		const doc = buildReportDocument(input(), t);
		const hafen = table(doc.blocks, 'Profil 02');
		expect(hafen.rows[0].slice(0, 4)).toEqual(['Kinderarmut', '.', '.', 12.7]);
		const alt = table(doc.blocks, 'Profil 01');
		expect(alt.rows[0].slice(0, 4)).toEqual(['Kinderarmut', 24.6, 120, 12.7]);
	});

	it('shows a theme count below k as "." and no quotes for it', () => {
		const doc = buildReportDocument(input(), t);
		const quotes = doc.blocks.filter((b) => b.type === 'quote');
		expect(quotes.map((q) => q.type === 'quote' && q.text)).toEqual(['Der Spielplatz braucht Bäume.']);
		expect(doc.blocks.some((b) => b.type === 'paragraph' && b.text === 'Beiträge zu diesem Thema: .')).toBe(
			true
		);
	});
});

describe('document structure', () => {
	it('has the sections, a methods annex with k and the sources with licence', () => {
		const doc = buildReportDocument(input(), t);
		const h2 = doc.blocks
			.filter((b) => b.type === 'heading' && b.level === 2)
			.map((b) => b.type === 'heading' && b.text);
		expect(h2).toEqual([
			'Sozialraumprofile',
			'Beteiligung – wer wurde erreicht?',
			'Themen',
			'Ideen und Rückmeldungen',
			'Maßnahmen',
			'Anhang: Methoden und Quellen'
		]);
		const methods = doc.blocks.find(
			(b) => b.type === 'paragraph' && b.text.startsWith('Schutz kleiner Zahlen')
		);
		expect(methods?.type === 'paragraph' && methods.text).toContain(
			'Anzahlen von 1 bis 2 werden nicht veröffentlicht'
		);
		expect(table(doc.blocks, 'Quellen').rows[0]).toEqual([
			'Kinderarmut',
			'Anteil …',
			'Jobcenter',
			'2025-12-31',
			'dl-de/by-2-0'
		]);
		expect(doc.date).toBe('2026-03-01');
		expect(doc.dateText).toBe('01.03.2026');
	});

	it("lists each indicator's own licence, the platform's only where one names none, and the boundaries' source", () => {
		const base = input();
		const doc = buildReportDocument(
			input({
				indicators: [
					...base.indicators,
					{
						key: 'sgb2',
						name: 'SGB-II-Quote',
						unit: '%',
						definition: 'Leistungsberechtigte …',
						source: 'Statistik der Bundesagentur für Arbeit',
						licence: 'CC BY 4.0',
						asOf: '2025-06-30',
						year: 2025,
						scale: 1
					}
				],
				geometrySources: [
					{
						levelName: 'Stadtteil',
						source: 'Vermessungsamt, Stadtteilgrenzen 2024',
						licence: 'dl-de/zero-2-0'
					},
					{ levelName: 'Quartier', source: '', licence: '' }
				]
			}),
			t
		);
		const rows = table(doc.blocks, 'Quellen').rows;
		expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([
			['Kinderarmut', 'Jobcenter', 'dl-de/by-2-0'],
			['SGB-II-Quote', 'Statistik der Bundesagentur für Arbeit', 'CC BY 4.0'],
			['Gebietsgrenzen: Stadtteil', 'Vermessungsamt, Stadtteilgrenzen 2024', 'dl-de/zero-2-0'],
			['Gebietsgrenzen: Quartier', 'nicht angegeben', 'dl-de/by-2-0']
		]);
		// the same list goes to a municipality's own template
		expect(doc.sources.map((s) => s.licence)).toEqual([
			'dl-de/by-2-0',
			'CC BY 4.0',
			'dl-de/zero-2-0',
			'dl-de/by-2-0'
		]);
	});

	it('writes a bar chart with the city average as reference, skipping hidden bars', () => {
		const doc = buildReportDocument(input(), t);
		const chart = doc.blocks.find((b) => b.type === 'chart');
		expect(chart?.type === 'chart' && chart.chart.kind).toBe('bars');
		if (chart?.type !== 'chart' || chart.chart.kind !== 'bars') return;
		expect(chart.chart.bars).toEqual([
			{ label: 'Altstadt', value: 24.6 },
			{ label: 'Hafen', value: null }
		]);
		const layout = barLayout(chart.chart, 'de');
		expect(layout.bars[1].w).toBe(0);
		expect(layout.bars[1].text).toBe('.');
		expect(layout.reference!.x).toBeLessThan(layout.bars[0].x + layout.bars[0].w);
		expect(chartSvg(chart.chart, 'de')).toContain('Durchschnitt Musterstadt: 12,7');
	});

	it('escapes text in SVG', () => {
		expect(escapeXml('<a href="x">&</a>')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#60;/a&#62;');
		expect(escapeXml('<script>')).toBe('&#60;script&#62;');
	});

	it('compares with the last run: what changed since', () => {
		expect(diffFigures({ a: 1, b: null }, { a: 3, b: 2, c: 1 })).toEqual([
			{ key: 'a', previous: 1, current: 3, change: 2 },
			{ key: 'b', previous: null, current: 2, change: null },
			{ key: 'c', previous: null, current: 1, change: null }
		]);
		const doc = buildReportDocument(
			input({
				previous: {
					at: new Date('2025-03-01T10:00:00Z'),
					figures: { 'reach:01': 10, 'indicator:kinderarmut:01': 26.1 }
				}
			}),
			t
		);
		const changes = table(doc.blocks, 'Veränderungen');
		expect(changes.rows).toContainEqual(['Beteiligung insgesamt – Altstadt', 10, 15, 5]);
		expect(changes.rows).toContainEqual(['Kinderarmut – Altstadt', 26.1, 24.6, -1.5]);
	});

	it('builds in every language without missing keys', () => {
		for (const l of ['en', 'tr', 'ar', 'uk', 'ru'] as const) {
			const doc = buildReportDocument(input({ locale: l }), translator(l));
			const text = JSON.stringify(doc.blocks);
			expect(text).not.toMatch(/reports\.doc\./);
		}
	});
});
