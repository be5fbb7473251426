// Command: a quarter manager (in their areas) or a planner opens a new consultation as a draft.
import { loadAreaAncestry } from '../areas';
import { can } from '../auth/permissions';
import { writeAudit, type CommandContext, type Result } from '../core';
import type { ImageFile } from './context';
import type { ConsultationInput } from './schemas';
import { consultationColumns, insertUpload, storeImage, writeChildren } from './write-helpers';

export type CreateConsultationCode = 'forbidden' | 'unknown_area' | 'slug_taken';

export async function createConsultation(
	ctx: CommandContext,
	input: ConsultationInput,
	image: ImageFile | null = null
): Promise<Result<{ id: string; slug: string }, CreateConsultationCode>> {
	const areas = await loadAreaAncestry(ctx.db, input.areaIds);
	if (areas.length !== input.areaIds.length) return { ok: false, code: 'unknown_area' };
	if (!ctx.actor || !can(ctx.actor, 'consultation.create', { areas }))
		return { ok: false, code: 'forbidden' };
	const actorId = ctx.actor.id;

	const stored = image ? await storeImage(ctx, image) : null;
	try {
		const result = await ctx.db.transaction().execute(async (trx) => {
			const taken = await trx
				.selectFrom('consultation')
				.select('id')
				.where('slug', '=', input.slug)
				.executeTakeFirst();
			if (taken) return null;
			const uploadId = stored && image ? await insertUpload(trx, stored.key, image, actorId) : null;
			const row = await trx
				.insertInto('consultation')
				.values({
					...consultationColumns(input, ctx.now),
					image_upload_id: uploadId,
					status: 'draft',
					created_by: actorId,
					created_at: ctx.now
				})
				.returning(['id', 'slug'])
				.executeTakeFirstOrThrow();
			await writeChildren(trx, row.id, input);
			await writeAudit(trx, {
				actorId,
				action: 'consultation.create',
				subjectType: 'consultation',
				subjectId: row.id,
				details: { slug: row.slug, areas: input.areaIds },
				at: ctx.now
			});
			return row;
		});
		if (!result) {
			if (stored) await ctx.storage?.delete(stored.key);
			return { ok: false, code: 'slug_taken' };
		}
		return { ok: true, value: result };
	} catch (e) {
		if (stored) await ctx.storage?.delete(stored.key);
		throw e;
	}
}
