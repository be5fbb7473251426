import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
	closeRing,
	createSvgProjection,
	fromPostgresBox,
	geometryBbox,
	geometryToSvgPath,
	interiorPoint,
	mergeBboxes,
	planarArea,
	pointInPolygonRings,
	rewindPolygon,
	ringCentroid,
	roundCoordinates,
	signedRingArea,
	toPostgresBox
} from '../../../src/lib/geo';

const square: Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[0, 0],
			[2, 0],
			[2, 2],
			[0, 2],
			[0, 0]
		]
	]
};

// A "C" shape: its centroid lies in the notch, outside the polygon.
const cShape: Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[0, 0],
			[3, 0],
			[3, 1],
			[1, 1],
			[1, 2],
			[3, 2],
			[3, 3],
			[0, 3],
			[0, 0]
		]
	]
};

describe('bounding boxes', () => {
	it('covers every geometry type', () => {
		expect(geometryBbox({ type: 'Point', coordinates: [7.1, 51.4] })).toEqual([7.1, 51.4, 7.1, 51.4]);
		expect(geometryBbox(square)).toEqual([0, 0, 2, 2]);
		const multi: MultiPolygon = {
			type: 'MultiPolygon',
			coordinates: [
				square.coordinates,
				[
					[
						[5, -1],
						[6, -1],
						[6, 1],
						[5, -1]
					]
				]
			]
		};
		expect(geometryBbox(multi)).toEqual([0, -1, 6, 2]);
		expect(
			geometryBbox({
				type: 'GeometryCollection',
				geometries: [
					{
						type: 'LineString',
						coordinates: [
							[-1, 4],
							[1, 5]
						]
					},
					{ type: 'MultiPoint', coordinates: [[3, 3]] }
				]
			})
		).toEqual([-1, 3, 3, 5]);
		expect(geometryBbox({ type: 'MultiPoint', coordinates: [] })).toBeNull();
	});

	it('merges boxes and round-trips through the Postgres box text', () => {
		expect(mergeBboxes([[0, 0, 1, 1], null, [-1, 0.5, 0.5, 3]])).toEqual([-1, 0, 1, 3]);
		expect(mergeBboxes([])).toBeNull();
		const text = toPostgresBox([7.01, 51.4, 7.29, 51.55]);
		expect(text).toBe('(7.29,51.55),(7.01,51.4)');
		expect(fromPostgresBox(text)).toEqual([7.01, 51.4, 7.29, 51.55]);
		expect(fromPostgresBox('(1,2),(-3,-4)')).toEqual([-3, -4, 1, 2]);
		expect(fromPostgresBox('nonsense')).toBeNull();
	});
});

describe('polygon helpers', () => {
	it('computes orientation, area and centroid', () => {
		expect(signedRingArea(square.coordinates[0])).toBe(4);
		expect(signedRingArea([...square.coordinates[0]].reverse())).toBe(-4);
		expect(planarArea(square)).toBe(4);
		const withHole: Polygon = {
			type: 'Polygon',
			coordinates: [
				square.coordinates[0],
				[
					[0.5, 0.5],
					[0.5, 1],
					[1, 1],
					[1, 0.5],
					[0.5, 0.5]
				]
			]
		};
		expect(planarArea(withHole)).toBe(3.75);
		expect(ringCentroid(square.coordinates[0])).toEqual([1, 1]);
	});

	it('rewinds to RFC 7946 order: exterior counter-clockwise, holes clockwise', () => {
		const clockwise: Polygon = { type: 'Polygon', coordinates: [[...square.coordinates[0]].reverse()] };
		expect(signedRingArea(rewindPolygon(clockwise).coordinates[0])).toBeGreaterThan(0);
		const hole = [
			[0.5, 0.5],
			[1, 0.5],
			[1, 1],
			[0.5, 0.5]
		];
		const fixed = rewindPolygon({ type: 'Polygon', coordinates: [square.coordinates[0], hole] });
		expect(signedRingArea(fixed.coordinates[1])).toBeLessThan(0);
	});

	it('closes open rings and rounds coordinates, dropping repeated points', () => {
		expect(
			closeRing([
				[0, 0],
				[1, 0],
				[1, 1]
			])
		).toEqual([
			[0, 0],
			[1, 0],
			[1, 1],
			[0, 0]
		]);
		const rounded = roundCoordinates({
			type: 'Polygon',
			coordinates: [
				[
					[7.1234564, 51.0000001],
					[7.1234561, 51.0000004],
					[7.2, 51.1],
					[7.1234564, 51.0000001]
				]
			]
		});
		expect(rounded.coordinates[0]).toEqual([
			[7.123456, 51],
			[7.2, 51.1],
			[7.123456, 51]
		]);
	});

	it('finds a point inside, even where the centroid lies outside', () => {
		const centroid = ringCentroid(cShape.coordinates[0]);
		expect(pointInPolygonRings(centroid, cShape.coordinates)).toBe(false);
		const p = interiorPoint(cShape);
		expect(pointInPolygonRings(p, cShape.coordinates)).toBe(true);
		expect(interiorPoint(square)).toEqual([1, 1]);
	});

	it('treats holes as outside', () => {
		const donut: Polygon = {
			type: 'Polygon',
			coordinates: [
				[
					[0, 0],
					[4, 0],
					[4, 4],
					[0, 4],
					[0, 0]
				],
				[
					[1, 1],
					[1, 3],
					[3, 3],
					[3, 1],
					[1, 1]
				]
			]
		};
		expect(pointInPolygonRings([2, 2], donut.coordinates)).toBe(false);
		expect(pointInPolygonRings([0.5, 2], donut.coordinates)).toBe(true);
		expect(pointInPolygonRings(interiorPoint(donut), donut.coordinates)).toBe(true);
	});
});

describe('SVG outlines', () => {
	it('keeps the aspect ratio with the cos(latitude) correction and flips y', () => {
		// 1° of longitude at 60° N is half as long as 1° of latitude.
		const projection = createSvgProjection([10, 59.5, 14, 60.5], 200, 0);
		expect(projection.height).toBe(100);
		expect(projection.viewBox).toBe('0 0 200 100');
		expect(projection.project([10, 60.5])).toEqual([0, 0]);
		const [x, y] = projection.project([14, 59.5]);
		expect(x).toBeCloseTo(200, 6);
		expect(y).toBeCloseTo(100, 6);
	});

	it('draws each ring as a closed subpath', () => {
		const projection = createSvgProjection([0, 0, 2, 2], 100, 0);
		const d = geometryToSvgPath(square, projection);
		expect(d.startsWith('M0 100L')).toBe(true);
		expect(d.endsWith('Z')).toBe(true);
		expect(d.match(/M/g)).toHaveLength(1);
		const multi: MultiPolygon = {
			type: 'MultiPolygon',
			coordinates: [square.coordinates, cShape.coordinates]
		};
		expect(geometryToSvgPath(multi, projection).match(/Z/g)).toHaveLength(2);
	});
});
