// Who may open the planner workspace (issue 12): admins and planners (rule 'planning.view'). Anyone
// else gets the same 404 as for a page that does not exist; visitors are sent to sign in first.
import { error, redirect } from '@sveltejs/kit';
import type { RequestContext } from '../core';
import { can } from '../auth/permissions';
import { loadAreaAncestry } from '../areas';
import { hasGlobalRole, isAdmin } from '../auth/grant-rules';

export function requirePlanner(ctx: Pick<RequestContext, 'actor' | 't'>, url: URL): void {
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	if (!can(ctx.actor, 'planning.view')) error(404, ctx.t('planning.notFound'));
}

/** A planner for some areas only sees those (and the areas inside them). */
export async function visibleAreaIds(
	ctx: Pick<RequestContext, 'actor' | 'db'>,
	areaIds: readonly string[]
): Promise<Set<string>> {
	if (isAdmin(ctx.actor) || hasGlobalRole(ctx.actor, 'planner') || ctx.actor?.system) return new Set(areaIds);
	const refs = await loadAreaAncestry(ctx.db, areaIds);
	return new Set(refs.filter((area) => can(ctx.actor, 'planning.view', { area })).map((a) => a.id));
}
