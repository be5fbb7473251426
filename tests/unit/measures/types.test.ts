import { describe, expect, it } from 'vitest';
import { clampProgress, itemIdFromReference, parseEuros } from '../../../src/lib/measures/types';
import { measureRules } from '../../../src/lib/server/measures/permissions';
import type { Actor } from '../../../src/lib/server/auth/actor';

describe('parseEuros', () => {
	it('reads German and plain amounts', () => {
		expect(parseEuros('')).toBeNull();
		expect(parseEuros('12.500,50')).toBe(12500.5);
		expect(parseEuros('12.500')).toBe(12500);
		expect(parseEuros('12 500 €')).toBe(12500);
		expect(parseEuros('12500.5')).toBe(12500.5);
		expect(parseEuros('1,5')).toBe(1.5);
		expect(parseEuros('viel')).toBeNaN();
		expect(parseEuros('-5')).toBeNaN();
	});
});

describe('itemIdFromReference', () => {
	const id = '0b8f3a52-6c1e-4f7a-9d0e-2a4b6c8d0e1f';
	it('takes the uuid at the end of an address or alone', () => {
		expect(itemIdFromReference(id.toUpperCase())).toBe(id);
		expect(itemIdFromReference(`https://stadt.example/beteiligung/x/beitrag/${id}`)).toBe(id);
		expect(itemIdFromReference(`/beteiligung/x/ideen/${id}?tab=1#a`)).toBe(id);
		expect(itemIdFromReference('/beteiligung/x')).toBeNull();
	});
	it('clamps progress', () => {
		expect(clampProgress(140)).toBe(100);
		expect(clampProgress(-3)).toBe(0);
		expect(clampProgress(39.6)).toBe(40);
	});
});

describe('measure permissions', () => {
	const area = { id: 'q', ancestorIds: ['s', 'city'] };
	const actor = (grants: Actor['grants']): Actor =>
		({ id: 'u', email: '', displayName: '', emailVerified: true, locale: 'de', grants }) as Actor;
	it('planners city-wide, planners covering the areas, the consultation team; not residents', () => {
		const subject = { areas: [area], consultation: null };
		expect(
			measureRules['measure.manage'](
				actor([{ role: 'planner', scopeType: 'global', scopeId: null }] as Actor['grants']),
				subject
			)
		).toBe(true);
		expect(
			measureRules['measure.manage'](
				actor([{ role: 'planner', scopeType: 'area', scopeId: 's' }] as Actor['grants']),
				subject
			)
		).toBe(true);
		expect(
			measureRules['measure.manage'](
				actor([{ role: 'planner', scopeType: 'area', scopeId: 'other' }] as Actor['grants']),
				subject
			)
		).toBe(false);
		expect(
			measureRules['measure.manage'](
				actor([{ role: 'resident', scopeType: 'global', scopeId: null }] as Actor['grants']),
				subject
			)
		).toBe(false);
		expect(measureRules['measure.manage'](null, subject)).toBe(false);
		const withConsultation = { areas: [area], consultation: { consultationId: 'c1', areas: [area] } };
		expect(
			measureRules['measure.manage'](
				actor([{ role: 'quarter_manager', scopeType: 'consultation', scopeId: 'c1' }] as Actor['grants']),
				withConsultation
			)
		).toBe(true);
		expect(
			measureRules['measure.manage'](
				actor([{ role: 'quarter_manager', scopeType: 'consultation', scopeId: 'c1' }] as Actor['grants']),
				subject
			)
		).toBe(false);
	});
});
