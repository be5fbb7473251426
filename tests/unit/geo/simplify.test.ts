import fs from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import intersect from '@turf/intersect';
import { featureCollection, feature } from '@turf/helpers';
import { describe, expect, it } from 'vitest';
import {
	countPositions,
	simplifyShared,
	unionShared,
	type AreaGeometry
} from '../../../src/lib/geo/simplify';

const SHARED = path.resolve(__dirname, '../../../../shared/fixtures/berlin-mss-2021');
const bezirke: AreaGeometry[] = JSON.parse(
	fs.readFileSync(path.join(SHARED, 'bezirksgrenzen.geojson'), 'utf8')
).features.map((f: { geometry: AreaGeometry }) => f.geometry);

describe('simplifyShared', () => {
	it('drops most points of the Berlin Bezirke but keeps each area within 1 % of its size', () => {
		const simplified = simplifyShared(bezirke, 0.1);
		const before = bezirke.reduce((n, g) => n + countPositions(g), 0);
		const after = simplified.reduce((n, g) => n + countPositions(g), 0);
		expect(after).toBeLessThan(before * 0.2);
		simplified.forEach((g, i) => {
			const ratio = area(g) / area(bezirke[i]);
			expect(ratio).toBeGreaterThan(0.99);
			expect(ratio).toBeLessThan(1.01);
		});
	});

	it('leaves no overlaps between neighbours (shared borders stay shared)', () => {
		const simplified = simplifyShared(bezirke, 0.05);
		for (let a = 0; a < simplified.length; a++) {
			for (let b = a + 1; b < simplified.length; b++) {
				const overlap = intersect(featureCollection([feature(simplified[a]), feature(simplified[b])]));
				// touching borders intersect in (near) zero area
				expect(overlap ? area(overlap) : 0).toBeLessThan(1);
			}
		}
	});
});

describe('unionShared', () => {
	it('unions neighbours into one polygon whose area is the sum of its parts', () => {
		const square = (x: number): AreaGeometry => ({
			type: 'Polygon',
			coordinates: [
				[
					[x, 51],
					[x + 0.01, 51],
					[x + 0.01, 51.01],
					[x, 51.01],
					[x, 51]
				]
			]
		});
		const union = unionShared([square(7), square(7.01)]);
		expect(union.type).toBe('Polygon');
		expect(area(union)).toBeCloseTo(area(square(7)) + area(square(7.01)), -2);
		const apart = unionShared([square(7), square(7.05)]);
		expect(apart.type).toBe('MultiPolygon');
	});
});
