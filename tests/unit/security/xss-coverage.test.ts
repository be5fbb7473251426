// The XSS suite reaches modules through the registry: a registered module without a textInputs hook
// is refused (the suite then fails), so a new module cannot skip it.
import { describe, expect, it } from 'vitest';
import type { ParticipationManifest } from '../../../src/lib/server/participation/component';
import { Registry, registry } from '../../../src/lib/server/participation/registry';
import { requireTextInputs, textFieldProblems } from '../../security/xss-coverage';
import { stringPaths } from '../../security/schema-strings';

// Each module's directory (where its manifest is) and the schemas its schemas.ts exports.
const manifests = import.meta.glob('../../../src/lib/server/*/manifest.ts', { eager: true });
const schemaFiles = import.meta.glob('../../../src/lib/server/*/schemas.ts', { eager: true });
const dirOf = (file: string) => file.replace(/\/[^/]+$/, '');
function moduleSchemas(key: string): Record<string, unknown> {
	const manifest = Object.entries(manifests).find(([, m]) =>
		Object.values(m as Record<string, unknown>).some(
			(v) => typeof v === 'object' && v !== null && (v as { key?: string }).key === key
		)
	);
	if (!manifest) throw new Error(`no manifest.ts exports the module ${key}`);
	return (schemaFiles[`${dirOf(manifest[0])}/schemas.ts`] ?? {}) as Record<string, unknown>;
}
const isObjectSchema = (v: unknown) =>
	typeof v === 'object' &&
	v !== null &&
	'_zod' in v &&
	(v as { _zod: { def: { type: string } } })._zod.def.type === 'object';

describe('XSS coverage of registered modules', () => {
	it('accepts the registry: every module declares its text inputs', async () => {
		const covered = requireTextInputs(await registry.hooks());
		expect(covered.map((m) => m.key)).toEqual(registry.components.map((c) => c.key));
		expect(covered.map((m) => m.key)).toEqual(
			expect.arrayContaining(['map_comments', 'surveys', 'ideas', 'events', 'measures'])
		);
		for (const m of covered) expect(m.textInputs.fields.length).toBeGreaterThan(0);
	}, 60_000); // loading every module's hooks takes a while on a busy machine

	it('names every string field of every module schema: filled by the suite or said to be no text', async () => {
		const problems: Record<string, string[]> = {};
		for (const m of requireTextInputs(await registry.hooks())) {
			// every object schema the module's schemas.ts exports is declared (a new form cannot be missed)
			const undeclared = Object.entries(moduleSchemas(m.key))
				.filter(([, v]) => isObjectSchema(v) && stringPaths(v as never).length > 0)
				.filter(([name]) => !(name in m.textInputs.schemas))
				.map(([name]) => `${name}: a schema of schemas.ts not declared`);
			problems[m.key] = [...undeclared, ...textFieldProblems(m.textInputs, stringPaths)];
		}
		expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
	}, 60_000);

	it('finds a form field nobody declared, and an entry naming no field', async () => {
		const { z } = await import('zod');
		const Form = z.object({
			title: z.string(),
			labels: z.array(z.object({ text: z.object({ de: z.string(), en: z.string().optional() }) })),
			startsOn: z
				.string()
				.optional()
				.transform((v) => v ?? null),
			count: z.coerce.number()
		});
		const problems = textFieldProblems(
			{
				schemas: { Form },
				fields: ['Form.labels[].text.*', 'Form.subtitle'],
				notText: { 'Form.startsOn': 'a date' }
			},
			stringPaths
		);
		expect(problems).toEqual([
			'Form.title: a string field neither filled nor excused',
			'Form.subtitle: no such field in the schemas'
		]);
	});

	it('refuses a registry with a module that lacks the hook, naming it', async () => {
		const pinboard: ParticipationManifest = {
			...registry.components[0],
			key: 'pinboard',
			segment: 'pinnwand',
			hooks: async () => ({})
		};
		const withPinboard = new Registry([...registry.components, pinboard]);
		await expect(async () => requireTextInputs(await withPinboard.hooks())).rejects.toThrow(
			/without a textInputs hook.*: pinboard$/
		);
	}, 60_000);
});
