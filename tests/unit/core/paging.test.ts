import { describe, expect, it } from 'vitest';
import { pageOf } from '../../../src/lib/server/core/paging';

describe('pageOf', () => {
	it('gives the wanted page with its offset', () => {
		expect(pageOf(45, 2, 20)).toEqual({ page: 2, pageCount: 3, offset: 20 });
		expect(pageOf(45, 3, 20)).toEqual({ page: 3, pageCount: 3, offset: 40 });
	});

	it('shows the last page for a page past the end, the first for nonsense', () => {
		expect(pageOf(45, 9, 20)).toEqual({ page: 3, pageCount: 3, offset: 40 });
		for (const wanted of [0, -4, Number.NaN, undefined]) expect(pageOf(45, wanted, 20).page).toBe(1);
		expect(pageOf(45, 2.7, 20).page).toBe(2);
	});

	it('has one (empty) page for an empty list', () => {
		expect(pageOf(0, 5, 20)).toEqual({ page: 1, pageCount: 1, offset: 0 });
	});
});
