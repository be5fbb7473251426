// One server-side permission module. Every action and +server.ts calls authorize() itself.
// The rules live in the features' permissions.ts files, registered in src/lib/server/features.ts.
import { error, redirect } from '@sveltejs/kit';
import type { RequestContext } from '../context';
import { permissionRules } from '../features';
import type { Actor } from './actor';

export { coreRules, type AreaRef, type PermissionRule } from './grant-rules';

/** May this actor do this action on this subject? Throws for an action no feature defines. */
export function can(actor: Actor | null, action: string, subject?: unknown): boolean {
	const rule = permissionRules.get(action);
	if (!rule) throw new Error(`Unknown permission action: ${action}`);
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
