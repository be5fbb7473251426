// Lists every route the authorisation matrix must cover, from the route files themselves: the named
// (and default) form actions of each `+page.server.ts`, every handler of each `+server.ts` (GET
// included: the /api/v1 open data, exports, downloads, check-in lists, personal data), and the GET of
// every management page (SENSITIVE_PAGE: /admin, /planung, /moderation, /konto and the
// bearbeiten/verwalten/erfassen/… pages). Read with the TypeScript parser, so a new action, handler or
// management page shows up without anyone naming it; tests/security/authz-matrix.ts must have an
// entry for each.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const HTTP_METHODS = ['GET', ...WRITE_METHODS] as const;

/**
 * Pages whose GET must have a matrix entry too: everything under the staff and account areas, and
 * every page named for managing something (a consultation's, survey's or event's management pages,
 * exports, analogue entry, moderation queues, settings, imports, "new …" forms, survey results,
 * delete confirmations). Other pages are public reads; what they must not show is tested per module.
 */
export function isSensitivePage(route: string): boolean {
	const segments = route.split('/').filter(Boolean);
	if (['admin', 'planung', 'moderation', 'konto'].includes(segments[0] ?? '')) return true;
	return segments.some((s) =>
		[
			'bearbeiten',
			'verwalten',
			'erfassen',
			'export',
			'moderation',
			'einstellungen',
			'import',
			'neu',
			'ergebnisse',
			'loeschen'
		].includes(s)
	);
}

export interface StateChangingRoute {
	/** The route id as SvelteKit names it, e.g. `/beteiligung/[slug]/ideen/[id]`. */
	route: string;
	/** A form action's name (`default` for the unnamed one), an HTTP method of a +server.ts, or GET of a page. */
	action: string;
	kind: 'action' | 'endpoint' | 'page';
}

/** `route action`, the key of the matrix table. */
export function routeKey(r: Pick<StateChangingRoute, 'route' | 'action'>): string {
	return `${r.route} ${r.action}`;
}

function propertyName(p: ts.ObjectLiteralElementLike): string | null {
	if (ts.isShorthandPropertyAssignment(p)) return p.name.text;
	if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name) {
		if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
	}
	return null;
}

function unwrap(e: ts.Expression): ts.Expression {
	while (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e))
		e = e.expression;
	return e;
}

/** Form action names exported by a +page.server.ts source. */
export function actionNames(source: string, fileName = 'x.ts'): string[] {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
	const names: string[] = [];
	for (const stmt of file.statements) {
		if (!ts.isVariableStatement(stmt)) continue;
		if (!stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
		for (const decl of stmt.declarationList.declarations) {
			if (!ts.isIdentifier(decl.name) || decl.name.text !== 'actions' || !decl.initializer) continue;
			const init = unwrap(decl.initializer);
			if (!ts.isObjectLiteralExpression(init))
				throw new Error(`${fileName}: actions is not an object literal`);
			for (const p of init.properties) {
				const name = propertyName(p);
				if (!name) throw new Error(`${fileName}: an action the walker cannot name`);
				names.push(name);
			}
		}
	}
	return names;
}

/** HTTP methods exported by a +server.ts source (`export const GET` or function), GET included. */
export function handlerMethods(source: string, fileName = 'x.ts'): string[] {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
	const found = new Set<string>();
	const isWrite = (n: string) => (HTTP_METHODS as readonly string[]).includes(n);
	for (const stmt of file.statements) {
		const exported =
			ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (exported && ts.isFunctionDeclaration(stmt) && stmt.name && isWrite(stmt.name.text))
			found.add(stmt.name.text);
		if (exported && ts.isVariableStatement(stmt))
			for (const d of stmt.declarationList.declarations)
				if (ts.isIdentifier(d.name) && isWrite(d.name.text)) found.add(d.name.text);
		// export { handler as POST }
		if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause))
			for (const el of stmt.exportClause.elements) if (isWrite(el.name.text)) found.add(el.name.text);
	}
	return HTTP_METHODS.filter((m) => found.has(m));
}

/** HTTP methods that change state exported by a +server.ts source. */
export function writeMethods(source: string, fileName = 'x.ts'): string[] {
	return handlerMethods(source, fileName).filter((m) => m !== 'GET');
}

/** Route id of a file under routesDir: groups `(x)` dropped, as SvelteKit does for URLs. */
export function routeIdOf(routesDir: string, file: string): string {
	const rel = path.relative(routesDir, path.dirname(file)).split(path.sep).filter(Boolean);
	return '/' + rel.filter((s) => !/^\(.*\)$/.test(s)).join('/');
}

/**
 * Every route the matrix covers: form actions, every +server.ts handler (GET too) and the GET of each
 * sensitive page (a directory with a +page file whose route id isSensitivePage).
 */
export function listMatrixRoutes(routesDir: string): StateChangingRoute[] {
	const out: StateChangingRoute[] = [];
	const walk = (dir: string) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
		const route = routeIdOf(routesDir, path.join(dir, 'x'));
		if (entries.some((e) => /^\+page(\.server)?\.(ts|js|svelte)$/.test(e.name)) && isSensitivePage(route))
			out.push({ route, action: 'GET', kind: 'page' });
		for (const entry of entries) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/^\+page\.server\.(ts|js)$/.test(entry.name))
				for (const action of actionNames(fs.readFileSync(full, 'utf8'), full))
					out.push({ route: routeIdOf(routesDir, full), action, kind: 'action' });
			else if (/^\+server\.(ts|js)$/.test(entry.name))
				for (const action of handlerMethods(fs.readFileSync(full, 'utf8'), full))
					out.push({ route: routeIdOf(routesDir, full), action, kind: 'endpoint' });
		}
	};
	walk(routesDir);
	return out;
}

/** The URL path of a route id with its parameters filled in (`[slug]` → params.slug). */
export function fillRoute(route: string, params: Record<string, string>): string {
	return route.replace(/\[(\.\.\.)?([a-zA-Z_]+)(=[a-zA-Z_]+)?\]/g, (_, _rest, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`no value for [${name}] in ${route}`);
		return encodeURIComponent(value);
	});
}

/** Only the state-changing ones (form actions and write handlers). */
export function listStateChangingRoutes(routesDir: string): StateChangingRoute[] {
	return listMatrixRoutes(routesDir).filter((r) => r.action !== 'GET' || r.kind === 'action');
}

/** Where a form POST goes: `/path?/name`, or the path itself for default actions and endpoints. */
export function postTarget(r: StateChangingRoute, params: Record<string, string>): string {
	const p = fillRoute(r.route, params);
	return r.kind === 'action' && r.action !== 'default' ? `${p}?/${r.action}` : p;
}
