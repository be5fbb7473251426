// The generator behind the authorisation matrix: it finds every form action, every +server.ts
// handler (GET included) and every management page, and the matrix has an entry for each (a new
// route without one fails here).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTHZ_MATRIX, matrixGaps } from '../../security/authz-matrix';
import {
	actionNames,
	fillRoute,
	handlerMethods,
	isSensitivePage,
	listMatrixRoutes,
	postTarget,
	routeIdOf,
	routeKey,
	writeMethods
} from '../../security/route-walk';

// Parsing every route file takes a few seconds on a busy machine: once for the whole file.
let appRouteKeys: string[] = [];
beforeAll(() => {
	appRouteKeys = listMatrixRoutes(path.resolve('src/routes')).map(routeKey);
}, 60_000);

describe('route walk', () => {
	it('names form actions: default, named, methods, shorthand, satisfies', () => {
		expect(
			actionNames(`import x from 'y';
export const load = () => ({});
export const actions = {
	default: async () => {},
	'quoted-name': async () => {},
	async method() {},
	short
} satisfies Actions;`)
		).toEqual(['default', 'quoted-name', 'method', 'short']);
		expect(actionNames('export const load = () => ({}); const actions = { hidden: 1 };')).toEqual([]);
		expect(() => actionNames('export const actions = makeActions();')).toThrow(/not an object literal/);
	});

	it('names write handlers of +server.ts, not GET', () => {
		expect(
			writeMethods(`export const GET = () => new Response();
export async function DELETE() {}
export const POST: RequestHandler = async () => new Response();
const h = () => {}; export { h as PATCH };`)
		).toEqual(['POST', 'PATCH', 'DELETE']);
		expect(writeMethods('export const GET = () => 1; export const HEAD = () => 1;')).toEqual([]);
		expect(handlerMethods('export const GET = () => 1; export async function POST() {}')).toEqual([
			'GET',
			'POST'
		]);
	});

	it('counts staff, account and management pages as sensitive, public pages not', () => {
		for (const r of [
			'/admin',
			'/admin/benutzer/[id]',
			'/planung/berichte',
			'/moderation',
			'/konto/benachrichtigungen',
			'/beteiligung/[slug]/bearbeiten',
			'/termine/[id]/verwalten',
			'/beteiligung/[slug]/befragung/[id]/erfassen',
			'/beteiligung/[slug]/export',
			'/termine/neu',
			'/termine/[id]/dokument/[docId]/loeschen'
		])
			expect(isSensitivePage(r), r).toBe(true);
		for (const r of ['/', '/beteiligung/[slug]', '/termine/[id]', '/massnahmen', '/administration-news'])
			expect(isSensitivePage(r), r).toBe(false);
	});

	it('builds route ids and targets', () => {
		expect(routeIdOf('/r', '/r/(app)/beteiligung/[slug]/+page.server.ts')).toBe('/beteiligung/[slug]');
		expect(routeIdOf('/r', '/r/+page.server.ts')).toBe('/');
		const r = { route: '/beteiligung/[slug]/ideen/[id]', action: 'support', kind: 'action' as const };
		expect(routeKey(r)).toBe('/beteiligung/[slug]/ideen/[id] support');
		expect(postTarget(r, { slug: 'a b', id: '1' })).toBe('/beteiligung/a%20b/ideen/1?/support');
		expect(postTarget({ ...r, action: 'default' }, { slug: 'a', id: '1' })).toBe('/beteiligung/a/ideen/1');
		expect(() => fillRoute('/x/[id]', {})).toThrow(/\[id\]/);
	});

	it('finds the app’s state-changing routes', () => {
		const keys = appRouteKeys;
		expect(keys).toContain('/anmelden login');
		expect(keys).toContain('/folgen POST');
		expect(keys).toContain('/beteiligung/[slug]/beitrag/[id] edit');
		// every /api/v1 endpoint and every download, GET included; management pages' GET
		expect(keys).toContain('/api/v1/measures GET');
		expect(keys).toContain('/api/v1/surveys/[id] GET');
		expect(keys).toContain('/konto/daten.json GET');
		expect(keys).toContain('/termine/[id]/teilnahmeliste.csv GET');
		expect(keys).toContain('/planung/berichte GET');
		expect(keys).toContain('/admin/postausgang GET');
		expect(keys).not.toContain('/beteiligung/[slug] GET');
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('authorisation matrix', () => {
	it('has an entry for every state-changing route, none stale, every role classified', () => {
		expect(matrixGaps(appRouteKeys)).toEqual({ missing: [], stale: [], incomplete: [] });
	});

	it('reports a route without an entry', () => {
		const gaps = matrixGaps(['/neu default', '/api/v1/neu GET', ...Object.keys(AUTHZ_MATRIX)]);
		expect(gaps.missing).toEqual(['/neu default', '/api/v1/neu GET']);
		expect(matrixGaps([], { '/weg x': { allow: ['admin'], deny: [] } })).toEqual({
			missing: [],
			stale: ['/weg x'],
			incomplete: ['/weg x']
		});
	});

	it('every read open to everyone says what it conceals, or why there is nothing to', () => {
		for (const [key, e] of Object.entries(AUTHZ_MATRIX))
			if (key.endsWith(' GET') && e.deny.length === 0)
				expect(!!e.conceals?.length || !!e.publicBecause, key).toBe(true);
	});

	it('refuses someone on every route, or another person’s object', () => {
		for (const [key, e] of Object.entries(AUTHZ_MATRIX))
			expect(e.deny.length > 0 || !!e.conceals?.length || !!e.idor?.length || !!e.publicBecause, key).toBe(
				true
			);
	});

	it('admits someone or says where the allowed path is tested', () => {
		for (const [key, e] of Object.entries(AUTHZ_MATRIX))
			expect(e.allow.length > 0 || !!e.allowedElsewhere, key).toBe(true);
	});
});
