// Demo accounts, one per role. Shown (with the password) on the login page in demo mode only.
import type { Role, ScopeType } from '../auth/actor';

export const DEMO_PASSWORD = 'Musterstadt-Demo-2026';

/** The Stadtteil the demo quarter manager is responsible for. */
export const DEMO_QUARTER_MANAGER_AREA = { levelKey: 'stadtteil', name: 'Altstadt' } as const;
export const DEMO_ORGANISATION_NAME = 'Demo-Träger Musterstadt e. V.';

export interface DemoAccount {
	email: string;
	displayName: string;
	role: Role;
	scopeType: Extract<ScopeType, 'global' | 'area' | 'organisation'>;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{
		email: 'admin@musterstadt.example',
		displayName: 'Alex Admin (Demo)',
		role: 'admin',
		scopeType: 'global'
	},
	{
		email: 'planung@musterstadt.example',
		displayName: 'Paula Planung (Demo)',
		role: 'planner',
		scopeType: 'global'
	},
	{
		email: 'quartier@musterstadt.example',
		displayName: 'Quirin Quartier (Demo)',
		role: 'quarter_manager',
		scopeType: 'area'
	},
	{
		email: 'moderation@musterstadt.example',
		displayName: 'Mona Moderation (Demo)',
		role: 'moderator',
		scopeType: 'global'
	},
	{
		email: 'traeger@musterstadt.example',
		displayName: 'Tarek Träger (Demo)',
		role: 'organisation_member',
		scopeType: 'organisation'
	},
	{
		email: 'bewohner@musterstadt.example',
		displayName: 'Berta Bewohnerin (Demo)',
		role: 'resident',
		scopeType: 'global'
	}
];
