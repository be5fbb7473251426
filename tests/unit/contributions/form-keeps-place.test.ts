import { describe, expect, it } from 'vitest';
import { parseDrawnGeometry } from '../../../src/lib/components/contributions/drawn-geometry';
import { insideConsultation } from '../../../src/lib/server/areas/consultation-scope';
import { readContributionForm } from '../../../src/lib/server/contributions/form';

describe('a failed contribution form keeps the place and tells which photos were sent', () => {
	it('echoes the geometry text and the photo slots that carried a file', async () => {
		const form = new FormData();
		const geometry = JSON.stringify({ type: 'Point', coordinates: [7.1, 51.2] });
		form.set('body', '');
		form.set('geometry', geometry);
		form.set('photo2', new File([new Uint8Array([0xff, 0xd8, 0xff])], 'a.jpg', { type: 'image/jpeg' }));
		form.set('photo3', new File([], 'empty.jpg'));
		const read = await readContributionForm(form);
		expect(read.values.geometry).toBe(geometry);
		expect(read.photoSlots).toEqual([2]);
		expect(parseDrawnGeometry(read.values.geometry)).toEqual({ type: 'Point', coordinates: [7.1, 51.2] });
	});

	it('parses only drawable geometries back', () => {
		expect(parseDrawnGeometry('')).toBeNull();
		expect(parseDrawnGeometry('{nope')).toBeNull();
		expect(parseDrawnGeometry('null')).toBeNull();
		expect(parseDrawnGeometry('{"type":"MultiPoint","coordinates":[]}')).toBeNull();
		expect(parseDrawnGeometry('{"type":"LineString","coordinates":[[1,2],[3,4]]}')?.type).toBe('LineString');
	});
});

describe('insideConsultation', () => {
	const a = { id: 'a', key: '01' };
	const b = { id: 'b', key: '02' };
	it('needs one assigned area in the consultation’s scope', () => {
		expect(insideConsultation([a, b], new Set(['b']))).toBe(true);
		expect(insideConsultation([a], new Set(['b']))).toBe(false);
		expect(insideConsultation([], new Set(['b']))).toBe(false);
	});
	it('without areas the whole city counts: any assigned area, but not none', () => {
		expect(insideConsultation([a], null)).toBe(true);
		expect(insideConsultation([], null)).toBe(false);
	});
});
