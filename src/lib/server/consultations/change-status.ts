// Command: draft → published → closed → archived (and archived → closed). Re-checks the permission,
// the publishing requirements and a confirmation for closing/archiving.
import { writeAudit, type CommandContext, type Result } from '../core';
import { recordNewsEvent } from '../following/events';
import { getConsultationById } from './queries';
import type { ConsultationStatus } from './ref';
import { canTransition, missingForPublish, needsConfirmation } from './rules';

export type ChangeStatusCode =
	'not_found' | 'invalid_transition' | 'confirmation_required' | 'incomplete' | 'conflict';

export async function changeConsultationStatus(
	ctx: CommandContext,
	consultationId: string,
	to: ConsultationStatus,
	confirmed: boolean
): Promise<Result<{ status: ConsultationStatus }, ChangeStatusCode>> {
	const current = await getConsultationById(ctx.db, consultationId, ctx.actor);
	if (!current || !current.canManage || !ctx.actor) return { ok: false, code: 'not_found' };
	if (!canTransition(current.status, to)) return { ok: false, code: 'invalid_transition' };
	if (needsConfirmation(to) && !confirmed) return { ok: false, code: 'confirmation_required' };
	if (to === 'published') {
		const missing = missingForPublish({ ...current, areaCount: current.areas.length });
		if (missing.length > 0) return { ok: false, code: 'incomplete', missing };
	}
	const actorId = ctx.actor.id;
	const changed = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('consultation')
			.set((eb) => ({
				status: to,
				updated_at: ctx.now,
				published_at:
					to === 'published' ? eb.fn.coalesce('published_at', eb.val(ctx.now)) : eb.ref('published_at')
			}))
			.where('id', '=', consultationId)
			.where('status', '=', current.status)
			.returning('id')
			.executeTakeFirst();
		if (!row) return false;
		await writeAudit(trx, {
			actorId,
			action: `consultation.${to === 'published' ? 'publish' : to === 'closed' ? 'close' : 'archive'}`,
			subjectType: 'consultation',
			subjectId: consultationId,
			details: { from: current.status, to },
			at: ctx.now
		});
		// First published: news for the followers of its areas ("Neue Beteiligung in Ihrem Quartier").
		if (to === 'published' && current.status === 'draft') {
			const areas = await trx
				.selectFrom('consultation_area')
				.select('area_id')
				.where('consultation_id', '=', consultationId)
				.execute();
			await recordNewsEvent(trx, {
				item: {
					itemType: 'consultation',
					id: consultationId,
					title: current.title,
					path: `/beteiligung/${current.slug}`,
					areaIds: areas.map((a) => a.area_id)
				},
				consultationId,
				messageKey: 'following.event.consultationPublished',
				actorId,
				at: ctx.now
			});
		}
		return true;
	});
	if (!changed) return { ok: false, code: 'conflict' };
	return { ok: true, value: { status: to } };
}
