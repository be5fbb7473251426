// The browser loads only the page's language: no module that can reach the browser imports the
// all-languages set (src/lib/i18n/resources.ts, or $lib/i18n which builds on it). Server modules may.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../src/lib/i18n/resources';
import { languageLoaders } from '../../src/lib/i18n/languages';
import { i18nForLanguage, loadLanguage } from '../../src/lib/i18n/translator';
import { LOCALES } from '../../src/lib/i18n/locales';

const SRC = path.resolve('src');

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory())
			return e.name === 'server' || e.name === 'cli' || e.name === 'locales' ? [] : files(full);
		return /\.(ts|js|svelte)$/.test(e.name) ? [full] : [];
	});
}

const serverOnly = (file: string) =>
	/\.server\.(ts|js)$/.test(file) ||
	/[\\/]\+server\.(ts|js)$/.test(file) ||
	['lib/i18n/index.ts', 'lib/i18n/resources.ts'].includes(path.relative(SRC, file).split(path.sep).join('/'));

/** Value imports (not `import type`) of the module specifiers in a file. */
export function valueImports(text: string): string[] {
	const out: string[] = [];
	for (const m of text.matchAll(/\bimport\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g))
		out.push(m[1]);
	for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
	return out;
}

/** The all-languages modules, however a file names them. */
export function isAllLanguages(fromFile: string, specifier: string): boolean {
	if (specifier === '$lib/i18n' || specifier === '$lib/i18n/index' || specifier === '$lib/i18n/resources')
		return true;
	if (!specifier.startsWith('.')) return false;
	const target = path
		.relative(SRC, path.resolve(path.dirname(fromFile), specifier))
		.split(path.sep)
		.join('/');
	return ['lib/i18n', 'lib/i18n/index', 'lib/i18n/resources'].includes(target.replace(/\.(ts|js)$/, ''));
}

describe('the browser gets one language', () => {
	it('recognises the ways of importing the all-languages set (and lets type imports pass)', () => {
		const f = path.join(SRC, 'lib/questionnaire/x.ts');
		expect(valueImports("import { LOCALES } from '../i18n';").some((s) => isAllLanguages(f, s))).toBe(true);
		expect(
			valueImports("import { resources } from '$lib/i18n/resources';").some((s) => isAllLanguages(f, s))
		).toBe(true);
		expect(valueImports("import type { Locale } from '../i18n';")).toEqual([]);
		expect(isAllLanguages(f, '../i18n/locales')).toBe(false);
	});

	it('no module outside the server imports $lib/i18n or resources.ts', () => {
		const offenders = files(SRC)
			.filter((f) => !serverOnly(f))
			.flatMap((f) =>
				valueImports(fs.readFileSync(f, 'utf8'))
					.filter((s) => isAllLanguages(f, s))
					.map((s) => `${path.relative(SRC, f)}: ${s}`)
			);
		expect(offenders).toEqual([]);
	});

	it('loads each language on its own, the same strings as the full set', async () => {
		expect(Object.keys(languageLoaders).sort()).toEqual([...LOCALES].sort());
		for (const locale of LOCALES) expect(await loadLanguage(locale)).toBe(resources[locale].translation);
	});

	it('translates with one language only, plural forms included', async () => {
		const ar = i18nForLanguage('ar', await loadLanguage('ar'));
		const de = i18nForLanguage('de', await loadLanguage('de'));
		expect(ar.t('core.siteName')).toBe(resources.ar.translation.core.siteName);
		expect(ar.t('core.siteName')).not.toBe('core.siteName');
		// Arabic's own plural categories (two, few, many) come from the Arabic strings alone.
		const wait = (i: typeof ar, count: number) => i.t('auth.tooManyRequests', { count });
		const forms = [0, 1, 2, 3, 11, 100].map((n) => wait(ar, n));
		expect(new Set(forms).size).toBe(6);
		expect(forms[2]).toBe(resources.ar.translation.auth.tooManyRequests_two);
		for (const form of forms) expect(form).not.toMatch(/^auth\./);
		expect(wait(de, 2)).toBe(resources.de.translation.auth.tooManyRequests_other.replace('{{count}}', '2'));
		// The same strings object gives the same instance store (no re-initialising per navigation).
		expect(i18nForLanguage('ar', await loadLanguage('ar')).t('core.siteName')).toBe(ar.t('core.siteName'));
	});
});
