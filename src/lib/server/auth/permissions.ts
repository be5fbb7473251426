// One server-side permission module. Every action and +server.ts calls authorize() itself.
// Feature modules register their rules in src/lib/server/features.ts (to be extended).
import { error, redirect } from '@sveltejs/kit';
import type { RequestContext } from '../context';
import type { Actor } from './actor';

export type PermissionRule = (actor: Actor | null, subject: unknown) => boolean;

const hasGlobalRole = (actor: Actor | null, role: string) =>
	!!actor?.grants.some((g) => g.role === role && g.scopeType === 'global');

/** Core rules; features add theirs through the registry. */
export const coreRules: Record<string, PermissionRule> = {
	'admin.access': (actor) => hasGlobalRole(actor, 'admin'),
	'admin.outbox.read': (actor) => hasGlobalRole(actor, 'admin')
};

export function can(actor: Actor | null, action: string, subject?: unknown): boolean {
	const rule = coreRules[action];
	if (!rule) throw new Error(`Unknown permission action: ${action}`);
	return rule(actor, subject);
}

/** Throws: anonymous users go to the login page, signed-in users get 403. */
export function authorize(ctx: RequestContext, action: string, subject?: unknown, returnTo?: string): void {
	if (can(ctx.actor, action, subject)) return;
	if (!ctx.actor) redirect(303, `/anmelden${returnTo ? `?weiter=${encodeURIComponent(returnTo)}` : ''}`);
	error(403, ctx.t('core.error.forbidden'));
}
