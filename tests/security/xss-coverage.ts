// The XSS suite covers modules through the registry: every registered module must declare its
// free-text inputs (`textInputs`, participation/component.ts). A module without the hook is refused
// here, so the suite fails instead of silently skipping a new module.
import type { z } from 'zod';
import type {
	ParticipationHooks,
	ParticipationManifest,
	TextInputsHook
} from '../../src/lib/server/participation/component';

export function requireTextInputs(
	modules: readonly { manifest: Pick<ParticipationManifest, 'key'>; hooks: ParticipationHooks }[]
): { key: string; textInputs: TextInputsHook }[] {
	const missing = modules.filter((m) => !m.hooks.textInputs).map((m) => m.manifest.key);
	if (missing.length > 0)
		throw new Error(
			`modules without a textInputs hook (the XSS suite cannot reach their texts): ${missing.join(', ')}`
		);
	return modules.map((m) => ({ key: m.manifest.key, textInputs: m.hooks.textInputs! }));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `text.*` matches one segment (a language of a translated text). */
const matcher = (entry: string) => new RegExp(`^${escape(entry).replace(/\\\*/g, '[^.]+')}$`);

/**
 * Checks a module's declared text fields against its schemas: every string field of every schema must
 * be filled by the suite or said to be no free text, and every entry must name a field that exists.
 * Returns the problems, empty when the declaration is complete.
 */
export function textFieldProblems(
	textInputs: Pick<TextInputsHook, 'schemas' | 'fields' | 'notText'>,
	stringPaths: (schema: z.ZodType) => string[]
): string[] {
	const problems: string[] = [];
	const entries = [...textInputs.fields, ...Object.keys(textInputs.notText)];
	const both = textInputs.fields.filter((f) => f in textInputs.notText);
	for (const f of both) problems.push(`${f}: both filled and said to be no text`);
	const all = Object.entries(textInputs.schemas).flatMap(([name, schema]) =>
		stringPaths(schema).map((p) => (p ? `${name}.${p}` : name))
	);
	const patterns = entries.map((e) => ({ entry: e, re: matcher(e) }));
	for (const path of all)
		if (!patterns.some((p) => p.re.test(path)))
			problems.push(`${path}: a string field neither filled nor excused`);
	for (const p of patterns)
		if (!all.some((path) => p.re.test(path))) problems.push(`${p.entry}: no such field in the schemas`);
	return problems;
}
