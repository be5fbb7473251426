import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import {
	assignAreas,
	contributionBbox,
	segmentsIntersect,
	touchesArea
} from '../../../src/lib/geo/area-assignment';
import { gridCluster } from '../../../src/lib/geo/grid-cluster';

const square = (x0: number, y0: number, size = 1): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[x0, y0],
			[x0 + size, y0],
			[x0 + size, y0 + size],
			[x0, y0 + size],
			[x0, y0]
		]
	]
});

const withHole: Polygon = {
	type: 'Polygon',
	coordinates: [square(0, 0, 4).coordinates[0], square(1, 1, 2).coordinates[0].slice().reverse()]
};

describe('segmentsIntersect', () => {
	it('detects crossing, touching and collinear overlap, and rejects disjoint segments', () => {
		expect(segmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
		expect(segmentsIntersect([0, 0], [1, 0], [1, 0], [2, 5])).toBe(true);
		expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true);
		expect(segmentsIntersect([0, 0], [1, 0], [2, 0], [3, 0])).toBe(false);
		expect(segmentsIntersect([0, 0], [1, 1], [0, 1], [0.4, 0.9])).toBe(false);
	});
});

describe('touchesArea', () => {
	it('points: inside, on the border, outside, in a hole', () => {
		expect(touchesArea({ type: 'Point', coordinates: [0.5, 0.5] }, square(0, 0))).toBe(true);
		expect(touchesArea({ type: 'Point', coordinates: [1, 0.5] }, square(0, 0))).toBe(true);
		expect(touchesArea({ type: 'Point', coordinates: [1.5, 0.5] }, square(0, 0))).toBe(false);
		expect(touchesArea({ type: 'Point', coordinates: [2, 2] }, withHole)).toBe(false);
		expect(touchesArea({ type: 'Point', coordinates: [0.5, 0.5] }, withHole)).toBe(true);
	});

	it('lines: a vertex inside, crossing without a vertex inside, passing by', () => {
		const area = square(0, 0);
		expect(
			touchesArea(
				{
					type: 'LineString',
					coordinates: [
						[0.5, 0.5],
						[3, 3]
					]
				},
				area
			)
		).toBe(true);
		expect(
			touchesArea(
				{
					type: 'LineString',
					coordinates: [
						[-1, 0.5],
						[2, 0.5]
					]
				},
				area
			)
		).toBe(true);
		expect(
			touchesArea(
				{
					type: 'LineString',
					coordinates: [
						[-1, 2],
						[2, 2]
					]
				},
				area
			)
		).toBe(false);
		// Entirely inside the hole: no shared point.
		expect(
			touchesArea(
				{
					type: 'LineString',
					coordinates: [
						[1.5, 1.5],
						[2.5, 2.5]
					]
				},
				withHole
			)
		).toBe(false);
	});

	it('polygons: overlapping, containing the area, inside the area, disjoint; multipolygons', () => {
		const area = square(0, 0);
		expect(touchesArea(square(0.5, 0.5), area)).toBe(true);
		expect(touchesArea(square(-1, -1, 5), area)).toBe(true);
		expect(touchesArea(square(0.2, 0.2, 0.1), area)).toBe(true);
		expect(touchesArea(square(3, 3), area)).toBe(false);
		expect(
			touchesArea(square(5.5, 0.5, 0.1), {
				type: 'MultiPolygon',
				coordinates: [square(0, 0).coordinates, square(5, 0).coordinates]
			})
		).toBe(true);
	});
});

describe('assignAreas', () => {
	it('returns every touched area of every level, in the given order', () => {
		const candidates = [
			{ id: 'city', key: '0', geometry: square(0, 0, 2) },
			{ id: 'q1', key: '01', geometry: square(0, 0) },
			{ id: 'q2', key: '02', geometry: square(1, 0) },
			{ id: 'q3', key: '03', geometry: square(0, 1) }
		];
		const line = {
			type: 'LineString' as const,
			coordinates: [
				[0.5, 0.5],
				[1.5, 0.5]
			]
		};
		expect(assignAreas(line, candidates).map((a) => a.key)).toEqual(['0', '01', '02']);
		expect(assignAreas({ type: 'Point', coordinates: [9, 9] }, candidates)).toEqual([]);
		expect(contributionBbox(line)).toEqual([0.5, 0.5, 1.5, 0.5]);
	});
});

describe('gridCluster', () => {
	it('groups points per cell at their mean and keeps small cells as single pins', () => {
		const clusters = gridCluster(
			[
				{ x: 1, y: 1, item: 'a' },
				{ x: 3, y: 3, item: 'b' },
				{ x: 25, y: 5, item: 'c' },
				{ x: 9, y: 9, item: 'd' },
				{ x: Number.NaN, y: 0, item: 'bad' }
			],
			10
		);
		expect(clusters).toEqual([
			{ x: 13 / 3, y: 13 / 3, items: ['a', 'b', 'd'] },
			{ x: 25, y: 5, items: ['c'] }
		]);
		expect(
			gridCluster(
				[
					{ x: 1, y: 1, item: 1 },
					{ x: 2, y: 2, item: 2 }
				],
				10,
				3
			)
		).toHaveLength(2);
		expect(() => gridCluster([], 0)).toThrow(RangeError);
	});
});
