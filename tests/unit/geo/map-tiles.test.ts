import { describe, expect, it } from 'vitest';
import type { BBox } from '../../../src/lib/geo/bbox';
import {
	assembleFeatures,
	boxesOverlap,
	cacheZoomsForBox,
	coveringTiles,
	tileBox,
	tileX,
	tileY,
	SHARED_TILE_ZOOM,
	zoomForBox,
	type TileFeature
} from '../../../src/lib/geo/map-tiles';

describe('tile numbers', () => {
	it('match the z/x/y scheme of tile servers', () => {
		// Cologne cathedral (6.958, 50.941) lies in OpenStreetMap tile 14/8508/5489.
		expect(tileX(6.958, 14)).toBe(8508);
		expect(tileY(50.941, 14)).toBe(5489);
		expect([tileX(-180, 0), tileY(85, 0)]).toEqual([0, 0]);
		// The world's edges stay inside the world.
		expect(tileX(180, 3)).toBe(7);
		expect(tileY(-89.9, 3)).toBe(7);
	});

	it('gives tile boxes that contain their points and share edges with their neighbours', () => {
		const t = { z: 14, x: tileX(6.958, 14), y: tileY(50.941, 14) };
		const [x0, y0, x1, y1] = tileBox(t);
		expect(x0 <= 6.958 && 6.958 <= x1 && y0 <= 50.941 && 50.941 <= y1).toBe(true);
		expect(tileBox({ ...t, x: t.x + 1 })[0]).toBe(x1);
		expect(tileBox({ ...t, y: t.y + 1 })[3]).toBe(y0);
		expect(x1 - x0).toBeCloseTo(360 / 2 ** 14, 12);
	});
});

describe('cacheZoomsForBox', () => {
	it('sends street-level views to the shared zoom-14 tiles first, their own zoom second', () => {
		const street: BBox = [6.9501, 51.2001, 6.9521, 51.2011]; // about 140 × 110 m
		expect(zoomForBox(street)).toBeGreaterThan(SHARED_TILE_ZOOM);
		expect(cacheZoomsForBox(street)).toEqual([SHARED_TILE_ZOOM, zoomForBox(street)]);
		// Views of 1.4 km at any position share one zoom, so they share tiles.
		const zooms = new Set<number>();
		for (let i = 0; i < 200; i++) {
			const x = 6.85 + Math.random() * 0.28;
			const y = 51.13 + Math.random() * 0.13;
			zooms.add(cacheZoomsForBox([x, y, x + 0.02, y + 0.009])[0]);
		}
		expect([...zooms]).toEqual([SHARED_TILE_ZOOM]);
	});

	it('keeps the own zoom of a box for views wider than the shared tiles', () => {
		const quarter: BBox = [6.9, 51.2, 6.96, 51.23];
		expect(zoomForBox(quarter)).toBeLessThan(SHARED_TILE_ZOOM);
		expect(cacheZoomsForBox(quarter)).toEqual([zoomForBox(quarter)]);
	});
});

describe('zoomForBox and coveringTiles', () => {
	it('picks tiles at least as large as the box: at most 2 × 2 of them', () => {
		const box: BBox = [6.95, 51.2, 6.97, 51.209]; // about 1.4 × 1 km
		const z = zoomForBox(box);
		expect(z).toBe(14);
		const tiles = coveringTiles(box, z);
		expect(tiles.length).toBeGreaterThanOrEqual(1);
		expect(tiles.length).toBeLessThanOrEqual(4);
		// Together they cover the box.
		const xs = tiles.map(tileBox);
		expect(Math.min(...xs.map((b) => b[0]))).toBeLessThanOrEqual(box[0]);
		expect(Math.max(...xs.map((b) => b[2]))).toBeGreaterThanOrEqual(box[2]);
		expect(Math.min(...xs.map((b) => b[1]))).toBeLessThanOrEqual(box[1]);
		expect(Math.max(...xs.map((b) => b[3]))).toBeGreaterThanOrEqual(box[3]);
	});

	it('goes coarser for wider boxes and never past the finest zoom', () => {
		expect(zoomForBox([6.8, 51.1, 7.2, 51.3])).toBeLessThan(12);
		expect(zoomForBox([6.9, 51.2, 6.9, 51.2])).toBe(16);
		expect(zoomForBox([-180, -85, 180, 85])).toBe(1); // the world is 2 × 2 tiles at zoom 1
		for (let i = 0; i < 200; i++) {
			const x = 6 + Math.random() * 3;
			const y = 50 + Math.random() * 3;
			const box: BBox = [x, y, x + Math.random() * 0.5, y + Math.random() * 0.3];
			expect(coveringTiles(box, zoomForBox(box)).length).toBeLessThanOrEqual(4);
		}
	});
});

describe('boxesOverlap', () => {
	it('counts shared edges and corners like PostgreSQL’s &&', () => {
		expect(boxesOverlap([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
		expect(boxesOverlap([0, 0, 1, 1], [1.01, 0, 2, 1])).toBe(false);
		expect(boxesOverlap([0, 0, 1, 1], [0.2, 0.2, 0.3, 0.3])).toBe(true);
	});
});

describe('assembleFeatures', () => {
	const f = (
		id: string,
		created: number,
		x: number,
		y: number,
		categoryId: string | null = null
	): TileFeature => ({
		id,
		created,
		box: [x, y, x, y],
		categoryId,
		json: `{"id":"${id}"}`
	});

	it('keeps what lies in the box, once, newest first, ties by id, at most the limit', () => {
		const line: TileFeature = { ...f('l', 5, 0, 0), box: [0.4, 0.4, 0.6, 0.6] };
		const parts = [
			{ complete: true, features: [f('a', 3, 0.1, 0.1), f('c', 7, 0.2, 0.2), line, f('out', 9, 2, 2)] },
			{ complete: true, features: [line, f('b', 7, 0.5, 0.5), f('d', 1, 0.9, 0.9)] }
		];
		const all = assembleFeatures([0, 0, 1, 1], parts, 10)!;
		expect(all.n).toBe(5);
		expect(all.features).toEqual(['b', 'c', 'l', 'a', 'd'].map((id) => `{"id":"${id}"}`));
		const two = assembleFeatures([0, 0, 1, 1], parts, 2)!;
		expect(two.n).toBe(5);
		expect(two.features).toEqual(['{"id":"b"}', '{"id":"c"}']);
	});

	it('filters by category', () => {
		const parts = [{ complete: true, features: [f('a', 1, 0.1, 0.1, 'k1'), f('b', 2, 0.2, 0.2, 'k2')] }];
		expect(assembleFeatures([0, 0, 1, 1], parts, 10, 'k1')).toEqual({ features: ['{"id":"a"}'], n: 1 });
	});

	it('gives up when a tile is incomplete', () => {
		expect(
			assembleFeatures(
				[0, 0, 1, 1],
				[
					{ complete: true, features: [] },
					{ complete: false, features: [] }
				],
				10
			)
		).toBeNull();
	});
});
