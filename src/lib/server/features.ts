// Every feature registers here with its manifest. can() looks actions up across all of them;
// exports, open data, the moderation queue, reports and `qk seed demo` will loop over this list.
import { coreRules, type PermissionRule } from './auth/grant-rules';
import { consultationsFeature } from './consultations/feature';

export interface FeatureManifest {
	key: string;
	/** action → pure rule (actor, subject) → boolean */
	permissions: Record<string, PermissionRule>;
}

export const coreFeature: FeatureManifest = { key: 'core', permissions: coreRules };

export const features: readonly FeatureManifest[] = [coreFeature, consultationsFeature];

/** action → rule over all features; an action defined twice is a programming error. */
export function buildRuleIndex(list: readonly FeatureManifest[]): ReadonlyMap<string, PermissionRule> {
	const index = new Map<string, PermissionRule>();
	const owner = new Map<string, string>();
	for (const feature of list) {
		for (const [action, rule] of Object.entries(feature.permissions)) {
			if (index.has(action))
				throw new Error(
					`Permission action ${action} is defined by both ${owner.get(action)} and ${feature.key}`
				);
			index.set(action, rule);
			owner.set(action, feature.key);
		}
	}
	return index;
}

/** Built once at start from the static list above; never changed afterwards. */
export const permissionRules: ReadonlyMap<string, PermissionRule> = buildRuleIndex(features);
