import { can } from '../auth/permissions';
import { invalidateUserSessions } from '../auth/session';
import { lockAdminGrants } from './admin-lock';
import { writeAudit } from '../core';
import { countActiveAdmins } from './queries';
import { Id } from './schemas';
import { actorUserId, type CommandContext, type Result } from '../core';

export type BlockUserCode =
	'forbidden' | 'not_found' | 'cannot_block_self' | 'last_admin' | 'already_blocked';

/** Blocks an account: it can no longer sign in, and every session of it ends at once. */
export async function blockUser(
	ctx: CommandContext,
	input: { userId: string }
): Promise<Result<null, BlockUserCode>> {
	if (!can(ctx.actor, 'admin.users.manage')) return { ok: false, code: 'forbidden' };
	if (!Id.safeParse(input.userId).success) return { ok: false, code: 'not_found' };
	if (ctx.actor?.id === input.userId) return { ok: false, code: 'cannot_block_self' };

	return ctx.db.transaction().execute(async (trx) => {
		await lockAdminGrants(trx);
		const user = await trx
			.selectFrom('app_user')
			.select(['id', 'blocked_at'])
			.where('id', '=', input.userId)
			.forUpdate()
			.executeTakeFirst();
		if (!user) return { ok: false, code: 'not_found' } as const;
		if (user.blocked_at) return { ok: false, code: 'already_blocked' } as const;
		const isAdmin = await trx
			.selectFrom('role_grant')
			.select('id')
			.where('user_id', '=', user.id)
			.where('role', '=', 'admin')
			.where('scope_type', '=', 'global')
			.executeTakeFirst();
		if (isAdmin && (await countActiveAdmins(trx, user.id)) === 0)
			return { ok: false, code: 'last_admin' } as const;
		await trx.updateTable('app_user').set({ blocked_at: ctx.now }).where('id', '=', user.id).execute();
		await invalidateUserSessions(trx, user.id);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'user.block',
			subjectType: 'user',
			subjectId: user.id,
			at: ctx.now
		});
		return { ok: true, value: null } as const;
	});
}

export type UnblockUserCode = 'forbidden' | 'not_found' | 'not_blocked';

export async function unblockUser(
	ctx: CommandContext,
	input: { userId: string }
): Promise<Result<null, UnblockUserCode>> {
	if (!can(ctx.actor, 'admin.users.manage')) return { ok: false, code: 'forbidden' };
	if (!Id.safeParse(input.userId).success) return { ok: false, code: 'not_found' };
	return ctx.db.transaction().execute(async (trx) => {
		const user = await trx
			.selectFrom('app_user')
			.select(['id', 'blocked_at'])
			.where('id', '=', input.userId)
			.forUpdate()
			.executeTakeFirst();
		if (!user) return { ok: false, code: 'not_found' } as const;
		if (!user.blocked_at) return { ok: false, code: 'not_blocked' } as const;
		await trx.updateTable('app_user').set({ blocked_at: null }).where('id', '=', user.id).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'user.unblock',
			subjectType: 'user',
			subjectId: user.id,
			at: ctx.now
		});
		return { ok: true, value: null } as const;
	});
}
