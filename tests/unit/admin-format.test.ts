import { describe, expect, it } from 'vitest';
import { scopeLabel } from '../../src/lib/components/admin/format';
import { createI18n } from '../../src/lib/i18n';

describe('scopeLabel', () => {
	const t = createI18n('de').t;
	it('names global, area (with level), organisation, consultation and vanished scopes', () => {
		const base = { scopeId: null, scopeName: null, scopeLevel: null };
		expect(scopeLabel({ ...base, scopeType: 'global' }, t)).toBe('Überall');
		expect(
			scopeLabel({ scopeType: 'area', scopeId: 'a1', scopeName: 'Ahornhof', scopeLevel: 'Quartier' }, t)
		).toBe('Ahornhof (Quartier)');
		expect(
			scopeLabel({ scopeType: 'organisation', scopeId: 'o1', scopeName: 'Caritas', scopeLevel: null }, t)
		).toBe('Caritas');
		expect(scopeLabel({ ...base, scopeType: 'consultation', scopeId: 'c1' }, t)).toBe(
			'Beteiligungsverfahren c1'
		);
		expect(scopeLabel({ ...base, scopeType: 'area', scopeId: 'gone' }, t)).toBe(
			'Nicht mehr vorhanden (gone)'
		);
	});
	it('role names are German in the German UI', () => {
		expect(
			['resident', 'organisation_member', 'quarter_manager', 'planner', 'moderator', 'admin'].map((r) =>
				t(`admin.roles.${r}`)
			)
		).toEqual([
			'Bewohner/in',
			'Mitglied eines Trägers',
			'Quartiersmanager/in',
			'Sozialplaner/in',
			'Moderator/in',
			'Administrator/in'
		]);
	});
});
