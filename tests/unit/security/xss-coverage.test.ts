// The XSS suite reaches modules through the registry: a registered module without a textInputs hook
// is refused (the suite then fails), so a new module cannot skip it.
import { describe, expect, it } from 'vitest';
import type { ParticipationManifest } from '../../../src/lib/server/participation/component';
import { Registry, registry } from '../../../src/lib/server/participation/registry';
import { requireTextInputs } from '../../security/xss-coverage';

describe('XSS coverage of registered modules', () => {
	it('accepts the registry: every module declares its text inputs', async () => {
		const covered = requireTextInputs(await registry.hooks());
		expect(covered.map((m) => m.key)).toEqual(registry.components.map((c) => c.key));
		expect(covered.map((m) => m.key)).toEqual(
			expect.arrayContaining(['map_comments', 'surveys', 'ideas', 'events', 'measures'])
		);
		for (const m of covered) expect(m.textInputs.fields.length).toBeGreaterThan(0);
	}, 60_000); // loading every module's hooks takes a while on a busy machine

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
