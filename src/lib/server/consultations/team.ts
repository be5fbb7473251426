// Commands: a manager adds or removes people who run one consultation with them — co-managers
// (consultation-scoped quarter_manager grant) and moderators (consultation-scoped moderator grant).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { writeAudit, type CommandContext, type Result } from '../core';
import { getConsultationById } from './queries';

export const TEAM_ROLES = ['quarter_manager', 'moderator'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export type AddTeamMemberCode = 'not_found' | 'user_not_found' | 'already_manager' | 'already_moderator';
export type RemoveTeamMemberCode = 'not_found' | 'cannot_remove_self';

export interface TeamMember {
	grantId: string;
	userId: string;
	role: TeamRole;
	displayName: string;
	email: string;
}

async function managedBy(ctx: CommandContext, consultationId: string) {
	const current = await getConsultationById(ctx.db, consultationId, ctx.actor);
	return !!current && current.canManage && !!ctx.actor;
}

export async function addTeamMember(
	ctx: CommandContext,
	consultationId: string,
	email: string,
	role: TeamRole
): Promise<Result<{ userId: string }, AddTeamMemberCode>> {
	if (!ctx.actor || !(await managedBy(ctx, consultationId))) return { ok: false, code: 'not_found' };
	const actorId = ctx.actor.id;
	const user = await ctx.db
		.selectFrom('app_user')
		.select('id')
		.where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
		.where('blocked_at', 'is', null)
		.executeTakeFirst();
	if (!user) return { ok: false, code: 'user_not_found' };
	const added = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('role_grant')
			.values({
				user_id: user.id,
				role,
				scope_type: 'consultation',
				scope_id: consultationId,
				granted_by: actorId,
				created_at: ctx.now
			})
			.onConflict((oc) => oc.doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!row) return false;
		const action = role === 'moderator' ? 'consultation.add_moderator' : 'consultation.add_co_manager';
		await writeAudit(trx, {
			actorId,
			action: action,
			subjectType: 'consultation',
			subjectId: consultationId,
			details: { userId: user.id },
			at: ctx.now
		});
		return true;
	});
	if (!added) return { ok: false, code: role === 'moderator' ? 'already_moderator' : 'already_manager' };
	return { ok: true, value: { userId: user.id } };
}

export async function removeTeamMember(
	ctx: CommandContext,
	consultationId: string,
	grantId: string
): Promise<Result<null, RemoveTeamMemberCode>> {
	if (!ctx.actor || !(await managedBy(ctx, consultationId))) return { ok: false, code: 'not_found' };
	const actorId = ctx.actor.id;
	return ctx.db.transaction().execute(async (trx) => {
		const grant = await trx
			.selectFrom('role_grant')
			.select(['id', 'user_id', 'role'])
			.where('id', '=', grantId)
			.where('scope_type', '=', 'consultation')
			.where('scope_id', '=', consultationId)
			.where('role', 'in', [...TEAM_ROLES])
			.executeTakeFirst();
		if (!grant) return { ok: false, code: 'not_found' } as const;
		if (grant.user_id === actorId) return { ok: false, code: 'cannot_remove_self' } as const;
		await trx.deleteFrom('role_grant').where('id', '=', grant.id).execute();
		const action =
			grant.role === 'moderator' ? 'consultation.remove_moderator' : 'consultation.remove_co_manager';
		await writeAudit(trx, {
			actorId,
			action: action,
			subjectType: 'consultation',
			subjectId: consultationId,
			details: { userId: grant.user_id },
			at: ctx.now
		});
		return { ok: true, value: null } as const;
	});
}

export async function listTeam(db: Kysely<DB>, consultationId: string): Promise<TeamMember[]> {
	const rows = await db
		.selectFrom('role_grant')
		.innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
		.select([
			'role_grant.id as grantId',
			'app_user.id as userId',
			'role_grant.role',
			'app_user.display_name as displayName',
			'app_user.email'
		])
		.where('role_grant.role', 'in', [...TEAM_ROLES])
		.where('role_grant.scope_type', '=', 'consultation')
		.where('role_grant.scope_id', '=', consultationId)
		.orderBy('role_grant.role')
		.orderBy('app_user.display_name')
		.execute();
	return rows.map((r) => ({ ...r, role: r.role as TeamRole }));
}
