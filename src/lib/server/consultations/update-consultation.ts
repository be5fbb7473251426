// Command: a manager edits a draft or running consultation. Closed and archived ones are read-only.
import { loadAreaAncestry } from '../areas';
import { can } from '../auth/permissions';
import { writeAudit, type CommandContext, type Result } from '../core';
import type { ImageFile } from './context';
import { getConsultationById } from './queries';
import { isEditable, missingForPublish } from './rules';
import type { ConsultationInput } from './schemas';
import { consultationColumns, insertUpload, storeImage, writeChildren } from './write-helpers';

export type UpdateConsultationCode =
	'not_found' | 'forbidden' | 'unknown_area' | 'slug_taken' | 'read_only' | 'incomplete';

export async function updateConsultation(
	ctx: CommandContext,
	consultationId: string,
	input: ConsultationInput,
	image: ImageFile | null = null
): Promise<Result<{ id: string; slug: string }, UpdateConsultationCode>> {
	const current = await getConsultationById(ctx.db, consultationId, ctx.actor);
	// A consultation the actor may not manage looks like a missing one.
	if (!current || !current.canManage || !ctx.actor) return { ok: false, code: 'not_found' };
	if (!isEditable(current.status)) return { ok: false, code: 'read_only' };
	const actorId = ctx.actor.id;

	const sameAreas =
		input.areaIds.length === current.areas.length &&
		input.areaIds.every((id) => current.areas.some((a) => a.id === id));
	if (!sameAreas) {
		const areas = await loadAreaAncestry(ctx.db, input.areaIds);
		if (areas.length !== input.areaIds.length) return { ok: false, code: 'unknown_area' };
		// Moving a consultation to other areas needs the right to open one there.
		if (!can(ctx.actor, 'consultation.create', { areas })) return { ok: false, code: 'forbidden' };
	}
	if (current.status === 'published') {
		const missing = missingForPublish({ ...input, areaCount: input.areaIds.length });
		if (missing.length > 0) return { ok: false, code: 'incomplete', missing };
	}

	const stored = image ? await storeImage(ctx, image) : null;
	try {
		const result = await ctx.db.transaction().execute(async (trx) => {
			const locked = await trx
				.selectFrom('consultation')
				.select(['status', 'image_upload_id'])
				.where('id', '=', consultationId)
				.forUpdate()
				.executeTakeFirst();
			if (!locked || !isEditable(locked.status as 'draft')) return 'read_only' as const;
			const taken = await trx
				.selectFrom('consultation')
				.select('id')
				.where('slug', '=', input.slug)
				.where('id', '<>', consultationId)
				.executeTakeFirst();
			if (taken) return 'slug_taken' as const;
			const uploadId =
				stored && image ? await insertUpload(trx, stored.key, image, actorId) : locked.image_upload_id;
			const row = await trx
				.updateTable('consultation')
				.set({ ...consultationColumns(input, ctx.now), image_upload_id: uploadId })
				.where('id', '=', consultationId)
				.returning(['id', 'slug'])
				.executeTakeFirstOrThrow();
			await writeChildren(trx, consultationId, input);
			// A replaced image goes: its upload row now, its bytes after the commit.
			let oldKey: string | null = null;
			if (stored && locked.image_upload_id) {
				const old = await trx
					.deleteFrom('upload')
					.where('id', '=', locked.image_upload_id)
					.returning('storage_key')
					.executeTakeFirst();
				oldKey = old?.storage_key ?? null;
			}
			await writeAudit(trx, {
				actorId,
				action: 'consultation.update',
				subjectType: 'consultation',
				subjectId: consultationId,
				details: { slug: row.slug },
				at: ctx.now
			});
			return { row, oldKey };
		});
		if (typeof result === 'string') {
			if (stored) await ctx.storage?.delete(stored.key);
			return { ok: false, code: result };
		}
		if (result.oldKey) await ctx.storage?.delete(result.oldKey);
		return { ok: true, value: result.row };
	} catch (e) {
		if (stored) await ctx.storage?.delete(stored.key);
		throw e;
	}
}
