// Shared writes of the create and update commands: child rows, the image upload, audit rows.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { endOfCityDay, startOfCityDay } from '../../format/dates';
import type { DB } from '../db/types';
import type { ConsultationInput } from './schemas';
import type { CommandContext } from '../core';
import type { ImageFile } from './context';
import { UPLOAD_PREFIX } from '../uploads/prefixes';

export function consultationColumns(input: ConsultationInput, now: Date) {
	return {
		slug: input.slug,
		title: input.title,
		summary: input.summary,
		description: input.description,
		participation_level: input.participationLevel,
		can_influence: input.canInfluence,
		already_decided: input.alreadyDecided,
		outcome_plan: input.outcomePlan,
		contact_name: input.contactName,
		contact_email: input.contactEmail,
		contact_phone: input.contactPhone,
		// Whole days in Berlin: open from the first day's morning through the last day's evening.
		starts_at: input.startsOn ? startOfCityDay(input.startsOn) : null,
		ends_at: input.endsOn ? endOfCityDay(input.endsOn) : null,
		allow_anonymous: input.allowAnonymous,
		pre_moderation: input.preModeration,
		require_confirmed_email: input.requireConfirmedEmail,
		modules: input.modules,
		auto_hide_after_reports: input.autoHideAfterReports,
		image_alt: input.imageAlt,
		updated_at: now
	};
}

/** Replaces areas and phases; keeps category rows by name (contributions point at them). */
export async function writeChildren(
	trx: Transaction<DB>,
	consultationId: string,
	input: ConsultationInput
): Promise<void> {
	await trx.deleteFrom('consultation_area').where('consultation_id', '=', consultationId).execute();
	await trx
		.insertInto('consultation_area')
		.values(input.areaIds.map((area_id) => ({ consultation_id: consultationId, area_id })))
		.execute();

	await trx.deleteFrom('consultation_phase').where('consultation_id', '=', consultationId).execute();
	if (input.phases.length > 0)
		await trx
			.insertInto('consultation_phase')
			.values(
				input.phases.map((p, position) => ({
					consultation_id: consultationId,
					position,
					name: p.name,
					description: p.description,
					starts_on: p.startsOn,
					ends_on: p.endsOn
				}))
			)
			.execute();

	const existing = await trx
		.selectFrom('consultation_category')
		.select(['id', 'name'])
		.where('consultation_id', '=', consultationId)
		.execute();
	const keep = new Set(input.categories);
	const gone = existing.filter((c) => !keep.has(c.name)).map((c) => c.id);
	if (gone.length > 0) await trx.deleteFrom('consultation_category').where('id', 'in', gone).execute();
	// Move kept rows out of the way of the unique (consultation_id, position) first.
	await trx
		.updateTable('consultation_category')
		.set((eb) => ({ position: eb(eb.neg('position'), '-', 1) }))
		.where('consultation_id', '=', consultationId)
		.execute();
	const byName = new Map(existing.map((c) => [c.name, c.id]));
	for (const [position, name] of input.categories.entries()) {
		const id = byName.get(name);
		if (id) await trx.updateTable('consultation_category').set({ position }).where('id', '=', id).execute();
		else
			await trx
				.insertInto('consultation_category')
				.values({ consultation_id: consultationId, position, name })
				.execute();
	}
}

/** Stores the bytes first (outside the transaction); the caller inserts the upload row in its transaction. */
export async function storeImage(ctx: CommandContext, image: ImageFile): Promise<{ key: string }> {
	if (!ctx.storage) throw new Error('storage is required to store an image');
	const ext = image.contentType === 'image/jpeg' ? 'jpg' : image.contentType === 'image/png' ? 'png' : 'webp';
	const key = `${UPLOAD_PREFIX.consultations}${randomUUID()}.${ext}`;
	await ctx.storage.put(key, image.bytes, image.contentType);
	return { key };
}

export async function insertUpload(
	trx: Transaction<DB>,
	key: string,
	image: ImageFile,
	ownerId: string | null
): Promise<string> {
	const row = await trx
		.insertInto('upload')
		.values({
			storage_key: key,
			content_type: image.contentType,
			size_bytes: image.bytes.length,
			owner_id: ownerId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
