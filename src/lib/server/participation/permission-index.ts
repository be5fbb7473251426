// action → rule, over the core's rules and every registered module's. Built once at start from
// static lists; never changed afterwards.
import { coreRules, type PermissionRule } from '../auth/grant-rules';
import { consultationRules } from '../consultations/permissions';
import { outcomeRules } from './outcomes/permissions';
import { reportRules } from '../reports/permissions';
import { themeRules } from '../themes/permissions';
import { registry } from './registry';

/** Who defines which actions: the core, consultations, then each module of the registry. */
export interface RuleSource {
	key: string;
	permissions: Record<string, PermissionRule>;
}

export const ruleSources: readonly RuleSource[] = [
	{ key: 'core', permissions: coreRules },
	{ key: 'consultations', permissions: consultationRules },
	{ key: 'outcomes', permissions: outcomeRules },
	{ key: 'reports', permissions: reportRules },
	{ key: 'themes', permissions: themeRules },
	...registry.components.map((c) => ({ key: c.key, permissions: c.permissions }))
];

/** An action defined twice is a programming error. */
export function buildRuleIndex(list: readonly RuleSource[]): ReadonlyMap<string, PermissionRule> {
	const index = new Map<string, PermissionRule>();
	const owner = new Map<string, string>();
	for (const source of list) {
		for (const [action, rule] of Object.entries(source.permissions)) {
			if (index.has(action))
				throw new Error(
					`Permission action ${action} is defined by both ${owner.get(action)} and ${source.key}`
				);
			index.set(action, rule);
			owner.set(action, source.key);
		}
	}
	return index;
}

export const permissionRules: ReadonlyMap<string, PermissionRule> = buildRuleIndex(ruleSources);
