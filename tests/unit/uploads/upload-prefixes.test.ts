// The orphan clean-up deletes row-less files under UPLOAD_PREFIXES only: a module that stores files
// under a prefix missing from that list leaks them forever (idea photos under ideas/ did). This test
// reads every storage write in src/ and checks that its keys start with a listed prefix.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPLOAD_PREFIX, UPLOAD_PREFIXES } from '../../../src/lib/server/uploads/prefixes';
import { UPLOAD_PREFIXES as SCANNED } from '../../../src/lib/server/uploads/orphans';

const root = path.resolve(import.meta.dirname, '../../../src');

/** Storage drivers themselves, and the restore that writes back the keys a backup holds. */
const EXEMPT = new Set([
	'lib/server/storage/index.ts',
	'lib/server/storage/supabase.ts',
	'lib/server/backup/restore-backup.ts'
]);

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return sourceFiles(full);
		return /\.(ts|js|svelte)$/.test(e.name) ? [full] : [];
	});
}

const writers = sourceFiles(root)
	.map((file) => ({
		rel: path.relative(root, file).split(path.sep).join('/'),
		text: fs.readFileSync(file, 'utf8')
	}))
	.filter((f) => /storage\??\.put\(/.test(f.text) && !EXEMPT.has(f.rel));

/** 'image/png' is a content type, not a key. */
const MIME_TYPES = new Set([
	'application/',
	'image/',
	'text/',
	'audio/',
	'video/',
	'font/',
	'model/',
	'multipart/'
]);

/** Literal first segments of storage keys in a file: `'events/…'`, `` `ideas/${id}` `` on lines about keys. */
function literalKeyPrefixes(text: string): string[] {
	const found = new Set<string>();
	for (const line of text.split('\n')) {
		if (!/key/i.test(line) || /^\s*(\/\/|\*)/.test(line)) continue;
		for (const m of line.matchAll(/[`'"]([a-z][a-z0-9_-]*\/)/g)) if (!MIME_TYPES.has(m[1])) found.add(m[1]);
	}
	return [...found];
}

describe('upload prefixes', () => {
	it('the orphan clean-up scans the one list', () => {
		expect(SCANNED).toBe(UPLOAD_PREFIXES);
		expect(UPLOAD_PREFIXES).toContain('ideas/');
		for (const p of UPLOAD_PREFIXES) expect(p).toMatch(/^[a-z][a-z0-9-]*\/$/);
	});

	it('finds the storage writes (the scan itself works)', () => {
		expect(writers.map((w) => w.rel)).toEqual(
			expect.arrayContaining(['lib/server/ideas/create-idea.ts', 'lib/server/contributions/create.ts'])
		);
		expect(literalKeyPrefixes("const key = `ideas/${id}/${u}.jpg`;\nconst type = 'image/png';")).toEqual([
			'ideas/'
		]);
	});

	for (const w of writers)
		it(`${w.rel}: stores under a listed prefix`, () => {
			const literal = literalKeyPrefixes(w.text);
			for (const p of literal) expect(UPLOAD_PREFIXES, `${w.rel}: ${p}`).toContain(p);
			// Either it builds keys from UPLOAD_PREFIX or it names a listed prefix literally.
			expect(/UPLOAD_PREFIX\.[a-z]+/.test(w.text) || literal.length > 0, w.rel).toBe(true);
			for (const m of w.text.matchAll(/UPLOAD_PREFIX\.([a-zA-Z]+)/g))
				expect(Object.keys(UPLOAD_PREFIX)).toContain(m[1]);
		});
});
