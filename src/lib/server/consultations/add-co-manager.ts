// Command: a manager adds a co-manager (by e-mail) to one consultation: a consultation-scoped
// quarter_manager grant.
import type { CommandResult, ConsultationContext } from './context';
import { getConsultationById } from './queries';
import { writeAudit } from './write-helpers';

export type AddCoManagerCode = 'not_found' | 'user_not_found' | 'already_manager';

export async function addCoManager(
	ctx: ConsultationContext,
	consultationId: string,
	email: string
): Promise<CommandResult<{ userId: string }, AddCoManagerCode>> {
	const current = await getConsultationById(ctx.db, consultationId, ctx.actor);
	if (!current || !current.canManage || !ctx.actor) return { ok: false, code: 'not_found' };
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
				role: 'quarter_manager',
				scope_type: 'consultation',
				scope_id: consultationId,
				granted_by: actorId,
				created_at: ctx.now
			})
			.onConflict((oc) => oc.doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!row) return false;
		await writeAudit(
			trx,
			actorId,
			'consultation.add_co_manager',
			consultationId,
			{ userId: user.id },
			ctx.now
		);
		return true;
	});
	if (!added) return { ok: false, code: 'already_manager' };
	return { ok: true, value: { userId: user.id } };
}
