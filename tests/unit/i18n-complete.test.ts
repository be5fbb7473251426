// The translation check (npm test): every key of German exists in every language (plural keys in
// that language's own plural forms), nothing more; placeholders match; no German text left unchanged
// in another language except kept names and terms; and every German key is used somewhere in the code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n';
import kept from '../../src/lib/i18n/kept-terms.json';
import { resources } from '../../src/lib/i18n/resources';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(obj: unknown, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	if (typeof obj !== 'object' || obj === null) return out;
	for (const [k, v] of Object.entries(obj)) {
		const key = prefix ? `${prefix}.${k}` : k;
		if (typeof v === 'string') out.set(key, v);
		else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
	}
	return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const de = leaves(resources.de.translation);
/** Plural families of German: base key → its German forms. */
const families = new Map<string, string[]>();
for (const key of de.keys()) {
	const base = key.replace(PLURAL, '');
	// A family needs its _other form (i18next's rule); 'photo_too_many' alone is a plain key.
	if (base !== key && de.has(`${base}_other`)) families.set(base, [...(families.get(base) ?? []), key]);
}
const isPlural = (key: string) => families.has(key.replace(PLURAL, '')) && PLURAL.test(key);
const singles = [...de.keys()].filter((k) => !isPlural(k));
const keptFor = (locale: string) =>
	new Set([
		...kept['*'],
		...(((kept as Record<string, string[] | string>)[locale] as string[] | undefined) ?? [])
	]);

/** The keys a language must have: German's, with plural families in its own categories. */
function expectedKeys(locale: string): Set<string> {
	const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
	return new Set([
		...singles,
		...[...families.keys()].flatMap((base) => categories.map((c) => `${base}_${c}`))
	]);
}

describe.each(LOCALES.filter((l) => l !== 'de'))('translations: %s', (locale) => {
	const own = leaves((resources as Record<string, { translation: unknown }>)[locale].translation);
	const keptTerms = keptFor(locale);
	const expected = expectedKeys(locale);

	it('has every key German has, in its own plural forms, and no other', () => {
		expect([...expected].filter((k) => !own.has(k))).toEqual([]);
		expect([...own.keys()].filter((k) => !expected.has(k))).toEqual([]);
	});

	it('keeps the placeholders of the German text', () => {
		const wrong: string[] = [];
		for (const [key, value] of own) {
			const base = isPlural(key) ? key.replace(PLURAL, '') : key;
			const german = families.has(base)
				? [...new Set(families.get(base)!.flatMap((k) => placeholders(de.get(k)!)))]
				: placeholders(de.get(key) ?? '');
			// A plural form may leave out {{count}} ("eine Meldung"), never add unknown ones.
			const extra = placeholders(value).filter((p) => !german.includes(p));
			const missing = german.filter(
				(p) => !placeholders(value).includes(p) && !(families.has(base) && p === 'count')
			);
			if (extra.length || missing.length) wrong.push(`${key}: +${extra.join(',')} -${missing.join(',')}`);
		}
		expect(wrong).toEqual([]);
	});

	it('leaves no German text unchanged (except kept names and terms)', () => {
		const unchanged = [...own].filter(
			([key, value]) =>
				de.get(key) === value &&
				/\p{L}{3,}/u.test(value.replace(/\{\{[^}]*\}\}/g, '')) &&
				!keptTerms.has(value) &&
				!value.startsWith('http')
		);
		expect(unchanged.map(([k, v]) => `${k}: ${v}`)).toEqual([]);
	});
});

describe('every German key is used in the code', () => {
	function sourceFiles(dir: string): string[] {
		return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) return e.name === 'locales' ? [] : sourceFiles(full);
			return /\.(ts|svelte|js)$/.test(e.name) ? [full] : [];
		});
	}
	const files = sourceFiles(path.resolve('src')).map((f) => fs.readFileSync(f, 'utf8'));
	const text = files.join('\n');
	// Keys built at run time: the static part before `${` of every template literal
	// (`contributions.map.type_${type}`), and every dotted string constant as a prefix
	// (const L = 'exports.mapComments' … `${L}.id`; E = 'contributions.errors.' … `${E}x`).
	const prefixes = new Set<string>();
	for (const m of text.matchAll(/`([a-zA-Z][\w.]*)\$\{/g)) if (m[1].includes('.')) prefixes.add(m[1]);
	for (const m of text.matchAll(/['"`]([a-zA-Z]\w*(?:\.\w+)+)\.?['"`]/g)) prefixes.add(`${m[1]}.`);
	const words = new Set([...text.matchAll(/\w+/g)].map((m) => m[0]));
	// `consultations.level.${level}Hint`: the static parts on both sides of one placeholder.
	const around: [string, string][] = [];
	for (const m of text.matchAll(/`([a-zA-Z][\w.]*\.[\w.]*)\$\{[^}`]*\}([\w.]*)`/g)) around.push([m[1], m[2]]);
	// Mails: <namespace>.mail.<kind>.subject/body, the kind named in the code (mail/templates.ts).
	const mailKind = (key: string) => /\.mail\.(\w+)\.(subject|body)$/.exec(key)?.[1];

	it('has no key that nothing in src/ refers to', () => {
		const bases = new Set([...de.keys()].map((k) => (isPlural(k) ? k.replace(PLURAL, '') : k)));
		// Every quoted dotted string of the code, once (searching the whole text per key took seconds).
		const quoted = new Set([...text.matchAll(/(['"`])([\w.-]+)\1/g)].map((m) => m[2]));
		const used = (key: string) => {
			if (quoted.has(key)) return true;
			if (around.some(([p, s]) => key.startsWith(p) && key.endsWith(s) && key.length > p.length + s.length))
				return true;
			const kind = mailKind(key);
			if (kind && words.has(kind)) return true;
			// A prefix plus a rest whose first word occurs in the code (an enum value, a field name …).
			return [...prefixes].some((p) => key.startsWith(p) && words.has(key.slice(p.length).split(/[._]/)[0]));
		};
		expect([...bases].filter((key) => !used(key))).toEqual([]);
	});
});
