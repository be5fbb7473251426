// Every /api/v1 endpoint is in the OpenAPI document: walks src/routes/api/v1/**/+server.ts, turns the
// folder into an OpenAPI path ([id] → {id}) and checks the path and each exported HTTP method.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleOpenApiDocument } from '../../../src/lib/server/monitoring';
import { Registry, registry } from '../../../src/lib/server/participation/registry';

const root = path.resolve(import.meta.dirname, '../../..');
const apiDir = path.join(root, 'src/routes/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function serverFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(full);
		return entry.name === '+server.ts' ? [full] : [];
	});
}

function routes(): { path: string; methods: string[] }[] {
	return serverFiles(apiDir).map((file) => {
		const folder = path.relative(path.join(root, 'src/routes'), path.dirname(file)).split(path.sep);
		const openApiPath =
			'/' +
			folder
				.filter((part) => !/^\(.*\)$/.test(part)) // route groups are not in the URL
				.map((part) => part.replace(/^\[(?:\.\.\.)?(\w+)(?:=\w+)?\]$/, '{$1}'))
				.join('/');
		const source = fs.readFileSync(file, 'utf8');
		const methods = METHODS.filter((m) =>
			new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source)
		).map((m) => m.toLowerCase());
		return { path: openApiPath, methods };
	});
}

describe('the OpenAPI document', () => {
	it('finds the API routes (the walk itself works)', () => {
		const found = routes().map((r) => r.path);
		expect(found).toContain('/api/v1/indicators/{id}/values');
		expect(found).toContain('/api/v1/contributions.geojson');
		expect(routes().every((r) => r.methods.length > 0)).toBe(true);
	});

	it('lists every /api/v1 endpoint with each of its methods', async () => {
		const doc = (await moduleOpenApiDocument('http://localhost:3000')) as {
			paths: Record<string, Record<string, { operationId?: string }>>;
		};
		const missing = routes().flatMap((r) =>
			r.methods.filter((m) => !doc.paths[r.path]?.[m]).map((m) => `${m.toUpperCase()} ${r.path}`)
		);
		expect(missing).toEqual([]);
		const operationIds = Object.values(doc.paths).flatMap((item) =>
			Object.values(item).map((op) => op.operationId)
		);
		expect(new Set(operationIds).size).toBe(operationIds.length);
		// the first call imports every module's OpenAPI part (seconds of transform on a busy machine)
	}, 30_000);

	it('misses contributions.geojson without the map-comments module (the test can fail)', async () => {
		// Every other module stays registered: only the map comments' endpoint goes missing.
		const others = new Registry(registry.components.filter((c) => c.key !== 'map_comments'));
		const doc = (await moduleOpenApiDocument('http://localhost:3000', others)) as {
			paths: Record<string, unknown>;
		};
		expect(doc.paths['/api/v1/contributions.geojson']).toBeUndefined();
		const routePaths = routes().map((r) => r.path);
		expect(routePaths.filter((p) => !doc.paths[p]).sort()).toEqual(['/api/v1/contributions.geojson']);
	});
});
