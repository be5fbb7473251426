// Map answers: what the form accepts (shape, 2D, Germany, size limits), the assignment the results map
// shows (finest areas only), the reach choropleth (suppressed areas never get a value or a class).
import { describe, expect, it } from 'vitest';
import {
	areasPerGeometry,
	MAP_LIMITS,
	mapAnswerFeatures,
	parseMapGeometries,
	reachChoropleth
} from '../../../src/lib/questionnaire/map-answer';
import { parseAnswerForm, validateAnswer, type Question } from '../../../src/lib/questionnaire';

const ring = [
	[7.1, 51.2],
	[7.2, 51.2],
	[7.2, 51.3],
	[7.1, 51.2]
];

describe('parseMapGeometries', () => {
	it('accepts points, lines and single-ring polygons and drops a third coordinate', () => {
		const r = parseMapGeometries(
			JSON.stringify([
				{ type: 'Point', coordinates: [7.1234567, 51.2, 120] },
				{ type: 'LineString', coordinates: ring.slice(0, 2) },
				{ type: 'Polygon', coordinates: [ring] }
			])
		);
		expect(r).toEqual({
			ok: true,
			geometries: [
				{ type: 'Point', coordinates: [7.123457, 51.2] },
				{ type: 'LineString', coordinates: ring.slice(0, 2) },
				{ type: 'Polygon', coordinates: [ring] }
			]
		});
		expect(parseMapGeometries('  ')).toEqual({ ok: true, geometries: [] });
		expect(parseMapGeometries('{"type":"Point","coordinates":[7,51]}')).toMatchObject({ ok: true });
	});

	it.each([
		['not JSON', '[{'],
		['unknown type', '[{"type":"MultiPoint","coordinates":[[7,51]]}]'],
		['a line of one vertex', '[{"type":"LineString","coordinates":[[7,51]]}]'],
		[
			'an open ring',
			JSON.stringify([{ type: 'Polygon', coordinates: [ring.slice(0, 3).concat([[7.3, 51]])] }])
		],
		['a polygon with a hole', JSON.stringify([{ type: 'Polygon', coordinates: [ring, ring] }])],
		['a string coordinate', '[{"type":"Point","coordinates":["7","51"]}]'],
		[
			'too many line vertices',
			JSON.stringify([
				{
					type: 'LineString',
					coordinates: Array.from({ length: MAP_LIMITS.lineVertices + 1 }, (_, i) => [7 + i / 1e4, 51])
				}
			])
		],
		['too long a field', ' '.repeat(10) + 'x'.repeat(MAP_LIMITS.jsonChars + 1)]
	])('refuses %s', (_, json) => {
		expect(parseMapGeometries(json)).toEqual({ ok: false, error: { key: 'surveyMap.validation.invalid' } });
	});

	it('refuses a place outside Germany, even one vertex of it', () => {
		expect(parseMapGeometries('[{"type":"Point","coordinates":[2.35,48.85]}]')).toEqual({
			ok: false,
			error: { key: 'surveyMap.validation.outside' }
		});
		expect(
			parseMapGeometries(
				JSON.stringify([
					{
						type: 'LineString',
						coordinates: [
							[7, 51],
							[16.4, 48.2]
						]
					}
				])
			)
		).toMatchObject({ ok: false, error: { key: 'surveyMap.validation.outside' } });
	});
});

describe('map question answers', () => {
	const q = {
		key: 'ORT',
		type: 'map',
		geometry: ['line', 'polygon'],
		maxFeatures: 2,
		required: false,
		text: { de: 'Wo?' }
	} as Question;
	const form = (json: string) => ({
		get: (n: string) => (n === 'q.ORT.geojson' ? json : null),
		getAll: () => []
	});

	it('stores the drawn geometries and checks kinds and count against the question', () => {
		const two = parseAnswerForm(
			[q],
			form(
				JSON.stringify([
					{ type: 'LineString', coordinates: ring.slice(0, 2) },
					{ type: 'Polygon', coordinates: [ring] }
				])
			)
		);
		expect(two.errors).toEqual({});
		expect(validateAnswer(q, two.answers.ORT)).toBeNull();
		const point = parseAnswerForm([q], form('[{"type":"Point","coordinates":[7.1,51.2]}]'));
		expect(validateAnswer(q, point.answers.ORT)?.key).toBe('surveys.validation.invalid');
		const three = parseAnswerForm(
			[q],
			form(JSON.stringify([1, 2, 3].map(() => ({ type: 'Polygon', coordinates: [ring] }))))
		);
		expect(validateAnswer(q, three.answers.ORT)).toEqual({
			key: 'surveys.validation.maxFeatures',
			params: { count: 2 }
		});
	});
});

describe('mapAnswerFeatures', () => {
	const areas = [
		{ id: 'city', name: 'Musterstadt', rank: 1 },
		{ id: 'n', name: 'Nord', rank: 2 },
		{ id: 's', name: 'Süd', rank: 2 }
	];
	const questions = [
		{ key: 'ORT', type: 'map', geometry: ['point'], maxFeatures: 3, required: false, text: { de: 'Wo?' } }
	] as Question[];
	const point = (x: number) => ({ type: 'Point' as const, coordinates: [x, 51] });

	it('numbers the places, names the finest areas only and carries nothing else', () => {
		const { features, total } = mapAnswerFeatures(
			questions,
			[
				{
					answers: {
						ORT: { type: 'map', geometries: [point(7), point(7.1)], description: 'bei Frau Müller' }
					},
					areas: { ORT: ['city', 's', 'n'] }
				},
				{ answers: { ORT: { type: 'map', geometries: [point(7.2)] } }, areas: {} },
				{ answers: { ORT: { type: 'map', geometries: [], areaId: 'n' } }, areas: { ORT: ['n'] } }
			],
			areas
		);
		expect(total).toBe(3);
		expect(features.map((f) => f.properties)).toEqual([
			{ n: 1, question: 'ORT', areas: 'Nord, Süd' },
			{ n: 2, question: 'ORT', areas: 'Nord, Süd' },
			{ n: 3, question: 'ORT', areas: '' }
		]);
		expect(JSON.stringify(features)).not.toContain('Müller');
	});

	it('stops drawing at the limit but counts every place', () => {
		const r = mapAnswerFeatures(
			questions,
			Array.from({ length: 5 }, (_, i) => ({
				answers: { ORT: { type: 'map' as const, geometries: [point(7 + i / 10)] } },
				areas: {}
			})),
			areas,
			3
		);
		expect(r.features).toHaveLength(3);
		expect(r.total).toBe(5);
	});
});

describe('reachChoropleth', () => {
	const row = (key: string, responses: number | null, per1000: number | null, hidden = false) => ({
		areaId: key,
		key,
		name: key.toUpperCase(),
		responses,
		population: 1000,
		per1000,
		hidden: hidden ? ('small_count' as const) : null
	});

	it('classes the per-1,000 values; a suppressed area has no value, count or class', () => {
		const { rows, legend } = reachChoropleth([
			row('a', 10, 10),
			row('b', 20, 20),
			row('c', 40, 40),
			row('d', null, null, true),
			row('e', 5, null)
		]);
		expect(legend.length).toBeGreaterThanOrEqual(2);
		expect(legend[0].from).toBe(10);
		expect(legend.at(-1)!.to).toBe(40);
		const d = rows.find((r) => r.key === 'd')!;
		expect(d).toMatchObject({
			suppressed: true,
			value: null,
			count: null,
			classIndex: null,
			reason: 'small_count'
		});
		expect(rows.find((r) => r.key === 'e')).toMatchObject({
			suppressed: false,
			value: null,
			reason: 'missing'
		});
		expect(rows.find((r) => r.key === 'a')!.classIndex).toBe(0);
		expect(rows.find((r) => r.key === 'c')!.classIndex).toBe(legend.length - 1);
	});

	it('leaves the legend empty when nothing may be shown', () => {
		expect(reachChoropleth([row('d', null, null, true)]).legend).toEqual([]);
	});
});

describe('areasPerGeometry', () => {
	const square = (x0: number, x1: number) => ({
		type: 'Polygon' as const,
		coordinates: [
			[
				[x0, 50],
				[x1, 50],
				[x1, 50.1],
				[x0, 50.1],
				[x0, 50]
			]
		]
	});
	const shapes = new Map([
		['city', { geometry: square(10, 10.2), parentId: null }],
		['district', { geometry: null, parentId: 'city' }],
		['west', { geometry: square(10, 10.1), parentId: 'district' }],
		['ost', { geometry: square(10.1, 10.2), parentId: 'district' }]
	]);
	const answerAreas = ['city', 'district', 'west', 'ost'];
	const pt = (x: number) => ({ type: 'Point' as const, coordinates: [x, 50.05] });

	it('gives each place the areas it touches with their ancestors, in the stored order', () => {
		expect(areasPerGeometry([pt(10.05), pt(10.15)], answerAreas, shapes)).toEqual([
			['city', 'district', 'west'],
			['city', 'district', 'ost']
		]);
		const across = {
			type: 'LineString' as const,
			coordinates: [pt(10.05).coordinates, pt(10.15).coordinates]
		};
		expect(areasPerGeometry([across, pt(10.05)], answerAreas, shapes)[0]).toEqual(answerAreas);
	});

	it("keeps only the answer's own areas and leaves a single place alone", () => {
		expect(areasPerGeometry([pt(10.05), pt(10.15)], ['city', 'west'], shapes)).toEqual([
			['city', 'west'],
			['city']
		]);
		expect(areasPerGeometry([pt(10.15)], ['city', 'west'], shapes)).toEqual([['city', 'west']]);
		expect(areasPerGeometry([pt(10.05), pt(10.15)], ['district'], shapes)).toEqual([
			['district'],
			['district']
		]);
	});
});
