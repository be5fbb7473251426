import { can } from '../auth/permissions';
import { writeAudit } from '../core';
import { GrantRoleInput } from './schemas';
import { actorUserId, isSystemActor, type CommandContext, type Result } from '../core';

export type GrantRoleCode =
	'forbidden' | 'invalid' | 'user_not_found' | 'scope_not_found' | 'already_granted';

/** Grants a role in a scope; one row per area. Rows that already exist are left alone. */
export async function grantRole(
	ctx: CommandContext,
	input: GrantRoleInput
): Promise<Result<{ grantIds: string[] }, GrantRoleCode>> {
	if (!can(ctx.actor, 'admin.users.manage')) return { ok: false, code: 'forbidden' };
	const parsed = GrantRoleInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid' };
	const { userId, role, scopeType } = parsed.data;
	const scopeIds = [...new Set(parsed.data.scopeIds)];

	return ctx.db.transaction().execute(async (trx) => {
		const user = await trx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
		if (!user) return { ok: false, code: 'user_not_found' } as const;
		if (scopeType === 'area' || scopeType === 'organisation') {
			const found = await trx.selectFrom(scopeType).select('id').where('id', 'in', scopeIds).execute();
			if (found.length !== scopeIds.length) return { ok: false, code: 'scope_not_found' } as const;
		}
		// consultation scopes are checked against qk.consultation once that feature exists.
		const values = (scopeType === 'global' ? [null] : scopeIds).map((scopeId) => ({
			user_id: userId,
			role,
			scope_type: scopeType,
			scope_id: scopeId,
			granted_by: actorUserId(ctx.actor),
			created_at: ctx.now
		}));
		const inserted = await trx
			.insertInto('role_grant')
			.values(values)
			.onConflict((oc) => oc.doNothing())
			.returning('id')
			.execute();
		if (inserted.length === 0) return { ok: false, code: 'already_granted' } as const;
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'user.role.grant',
			subjectType: 'user',
			subjectId: userId,
			details: {
				role,
				scopeType,
				scopeIds,
				grantIds: inserted.map((r) => r.id),
				via: isSystemActor(ctx.actor) ? 'cli' : 'web'
			},
			at: ctx.now
		});
		return { ok: true, value: { grantIds: inserted.map((r) => r.id) } } as const;
	});
}
