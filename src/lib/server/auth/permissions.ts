// One server-side permission module. Every action and +server.ts calls authorize() itself.
// The rules live in the core's and the modules' permissions.ts files (participation/permission-index.ts).
import { error, redirect } from '@sveltejs/kit';
import type { RequestContext } from '../core';
import { permissionRules } from '../participation/permission-index';
import type { Actor } from './actor';

export { coreRules, type AreaRef, type PermissionRule } from './grant-rules';

/** May this actor do this action on this subject? Throws for an action no feature defines. */
export function can(actor: Actor | null, action: string, subject?: unknown): boolean {
	const rule = permissionRules.get(action);
	if (!rule) throw new Error(`Unknown permission action: ${action}`);
	// The operator at the server's shell may do everything the CLI offers.
	if (actor?.system) return true;
	return rule(actor, subject);
}

/** Throws: anonymous users go to the login page, signed-in users get 403. */
export function authorize(
	ctx: Pick<RequestContext, 'actor' | 't'>,
	action: string,
	subject?: unknown,
	returnTo?: string
): void {
	if (can(ctx.actor, action, subject)) return;
	if (!ctx.actor) redirect(303, `/anmelden${returnTo ? `?weiter=${encodeURIComponent(returnTo)}` : ''}`);
	error(403, ctx.t('core.error.forbidden'));
}
