// The XSS suite covers modules through the registry: every registered module must declare its
// free-text inputs (`textInputs`, participation/component.ts). A module without the hook is refused
// here, so the suite fails instead of silently skipping a new module.
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
