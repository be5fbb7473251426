import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '../../../src/lib/server/auth/redirect';

describe('safeRedirectTarget', () => {
	it('keeps same-site paths with query and hash', () => {
		expect(safeRedirectTarget('/konto')).toBe('/konto');
		expect(safeRedirectTarget('/admin/postausgang?seite=2#unten')).toBe('/admin/postausgang?seite=2#unten');
		expect(safeRedirectTarget('/beteiligung/spielplatz-nord')).toBe('/beteiligung/spielplatz-nord');
	});

	it('refuses anything that could leave the site and falls back', () => {
		for (const bad of [
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'\\\\evil.example',
			'/\t/evil.example',
			'javascript:alert(1)',
			'konto',
			'',
			null,
			undefined,
			42,
			`/${'a'.repeat(1001)}`
		]) {
			expect(safeRedirectTarget(bad), String(bad)).toBe('/konto');
		}
	});

	it('never returns to login or logout, and honours a custom fallback', () => {
		expect(safeRedirectTarget('/abmelden')).toBe('/konto');
		expect(safeRedirectTarget('/anmelden?weiter=/x')).toBe('/konto');
		expect(safeRedirectTarget('//x', '/')).toBe('/');
	});

	it('normalises dot segments without leaving the site', () => {
		expect(safeRedirectTarget('/a/../../konto')).toBe('/konto');
	});
});

describe('safeRedirectTarget after normalising', () => {
	it('refuses paths that normalise to another host', () => {
		for (const evil of [
			'/.//evil.example/phish',
			'/%2e//evil.example/phish',
			'/./%2e//evil.example',
			'/a/..//evil.example'
		])
			expect(safeRedirectTarget(evil)).toBe('/konto');
	});
	it('keeps ordinary paths with dots', () => {
		expect(safeRedirectTarget('/beteiligung/./marktplatz-altstadt')).toBe('/beteiligung/marktplatz-altstadt');
	});
});
