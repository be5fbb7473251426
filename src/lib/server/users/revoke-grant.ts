import { can } from '../auth/permissions';
import { lockAdminGrants } from './admin-lock';
import { writeAudit } from '../core';
import { countActiveAdmins } from './queries';
import { Id } from './schemas';
import { actorUserId, type CommandContext, type Result } from '../core';

export type RevokeGrantCode = 'forbidden' | 'not_found' | 'last_admin';

/** Removes one grant. The last active admin's admin grant cannot be removed (nobody could manage users). */
export async function revokeGrant(
	ctx: CommandContext,
	input: { grantId: string; userId?: string }
): Promise<Result<{ userId: string }, RevokeGrantCode>> {
	if (!can(ctx.actor, 'admin.users.manage')) return { ok: false, code: 'forbidden' };
	if (!Id.safeParse(input.grantId).success) return { ok: false, code: 'not_found' };

	return ctx.db.transaction().execute(async (trx) => {
		await lockAdminGrants(trx);
		const grant = await trx
			.selectFrom('role_grant')
			.select(['id', 'user_id', 'role', 'scope_type', 'scope_id'])
			.where('id', '=', input.grantId)
			.$if(input.userId !== undefined, (qb) => qb.where('user_id', '=', input.userId!))
			.forUpdate()
			.executeTakeFirst();
		if (!grant) return { ok: false, code: 'not_found' } as const;
		if (grant.role === 'admin' && grant.scope_type === 'global') {
			const others = await countActiveAdmins(trx, grant.user_id);
			if (others === 0) return { ok: false, code: 'last_admin' } as const;
		}
		await trx.deleteFrom('role_grant').where('id', '=', grant.id).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'user.role.revoke',
			subjectType: 'user',
			subjectId: grant.user_id,
			details: { grantId: grant.id, role: grant.role, scopeType: grant.scope_type, scopeId: grant.scope_id },
			at: ctx.now
		});
		return { ok: true, value: { userId: grant.user_id } } as const;
	});
}
