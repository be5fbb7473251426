// Creating contributions (online, anonymous, analog) and replies: one transaction each, with the
// area rows, photos and counters.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { zodFieldErrors as fieldErrors } from '../core';
import { contributionBbox } from '../../geo/area-assignment';
import { toPostgresBox } from '../../geo/bbox';
import { can } from '../auth/permissions';
import { followItem } from '../following';
import { generateToken, hashToken } from '../auth/tokens';
import type { DB } from '../db/types';
import { areasTouching, checkInsideConsultation, pickedAreas, type AssignedArea } from '../areas';
import { consultationRef, type ConsultationRef } from '../consultations/ref';
import type { Result } from '../core';
import { admitParticipation, type GateError } from '../participation/gate';
import type { ContributionContext } from './context';
import { eventForEntry } from '../events/result-home';
import { checkPhotos, type PhotoError, type PhotoInput } from './photos';
import { CreateContributionInput, ReplyInput } from './schemas';
import { UPLOAD_PREFIX } from '../uploads/prefixes';

export type CreateError = GateError | 'invalid' | 'spam' | 'forbidden' | 'photo' | 'storage_full';

export interface Created {
	id: string;
	status: 'pending' | 'published';
	areaKeys: string[];
	/** Anonymous authors only: the private edit/delete token, shown once and never stored in clear. */
	editToken: string | null;
	photoError?: { code: PhotoError; index: number };
}

/** The gate for map contributions and replies (rate-limit bucket 'contribution' for both). */
function admit(
	ctx: ContributionContext,
	c: ConsultationRef | null,
	proof: { powChallenge?: string; powNonce?: string }
): Promise<Result<ConsultationRef, CreateError>> {
	return admitParticipation(ctx, c, {
		module: 'map_comments',
		verb: 'contribute',
		proof,
		bucket: 'contribution'
	});
}

async function insertAreas(trx: Kysely<DB>, contributionId: string, areas: AssignedArea[]) {
	if (areas.length === 0) return;
	await trx
		.insertInto('contribution_area')
		.values(areas.map((a) => ({ contribution_id: contributionId, area_id: a.id })))
		.execute();
}

export async function createContribution(
	ctx: ContributionContext,
	consultationId: string,
	input: unknown,
	photos: PhotoInput[] = []
): Promise<Result<Created, CreateError>> {
	const parsed = CreateContributionInput.safeParse(input);
	if (!parsed.success) {
		// Tell everything that is missing at once, not field by field.
		const errors = fieldErrors(parsed.error);
		const raw = (input ?? {}) as { geometry?: unknown; areaIds?: unknown };
		if (!raw.geometry && !(Array.isArray(raw.areaIds) && raw.areaIds.length))
			errors.areaIds ??= 'contributions.errors.locationRequired';
		return { ok: false, code: 'invalid', errors };
	}
	const data = parsed.data;
	if (data.website) return { ok: false, code: 'spam' };

	const facts = await consultationRef(ctx, { id: consultationId });
	// Analog input: only managers, who then also may use a closed-for-the-public date in the past.
	const analog = data.channel !== 'online';
	if (analog) {
		if (!facts || !can(ctx.actor, 'map_comments.enter_analog', facts.subject))
			return { ok: false, code: 'forbidden' };
		if (!data.collectedOn)
			return { ok: false, code: 'invalid', errors: { collectedOn: 'contributions.errors.dateRequired' } };
	}
	const errors: Record<string, string> = {};
	if (data.categoryId && !facts?.categories.some((c) => c.id === data.categoryId))
		errors.categoryId = 'contributions.errors.categoryInvalid';
	if (facts && facts.categories.length > 0 && !data.categoryId)
		errors.categoryId = 'contributions.errors.categoryRequired';
	if (!data.geometry && data.areaIds.length === 0) errors.areaIds = 'contributions.errors.locationRequired';
	// A workshop result names its event (issue 11): only with channel 'workshop'; an event of this
	// consultation, or a stand-alone event this consultation covers (why: events/result-home.ts).
	const eventId = data.channel === 'workshop' && data.eventId ? data.eventId : null;
	if (eventId && !(await eventForEntry(ctx.db, eventId, consultationId)))
		errors.eventId = 'events.errors.occurrenceInvalid';
	if (Object.keys(errors).length) return { ok: false, code: 'invalid', errors };

	const checked = checkPhotos(photos);
	if (!checked.ok)
		return {
			ok: false,
			code: 'photo',
			errors: { [`photo${checked.index + 1}`]: `contributions.errors.photo_${checked.code}` }
		};

	// Area assignment reads only: done before the transaction (PGlite has one connection), and
	// before admission, so a place outside the consultation costs no rate limit.
	const areas = data.geometry
		? await areasTouching(ctx.db, data.geometry)
		: await pickedAreas(ctx.db, data.areaIds);
	if (!data.geometry && areas.length === 0)
		return { ok: false, code: 'invalid', errors: { areaIds: 'contributions.errors.locationRequired' } };
	const outside = await checkInsideConsultation(ctx.db, facts, areas, data.geometry ? 'geometry' : 'areaIds');
	if (outside) return outside;

	const admitted = await admit(ctx, facts, data);
	if (!admitted.ok) return admitted;
	const c = admitted.value;

	const id = randomUUID();
	const editToken = ctx.actor ? null : generateToken();
	const status = c.preModeration && !analog ? 'pending' : 'published';

	// Files first (outside the transaction); removed again if the transaction fails.
	const stored: { key: string; uploadId: string; contentType: string; size: number; alt: string }[] = [];
	if (checked.photos.length) {
		if (!ctx.storage) throw new Error('storage required for photos');
		try {
			for (const p of checked.photos) {
				const uploadId = randomUUID();
				const key = `${UPLOAD_PREFIX.contributions}${id}/${uploadId}.${p.extension}`;
				await ctx.storage.put(key, p.data, p.contentType);
				stored.push({ key, uploadId, contentType: p.contentType, size: p.data.length, alt: p.altText });
			}
		} catch (e) {
			// Nothing half-written: the photos already stored go again, no row is written.
			for (const s of stored) await ctx.storage.delete(s.key).catch(() => undefined);
			if (isStorageFull(e))
				return { ok: false, code: 'storage_full', errors: { form: 'faults.storageFull' } };
			throw e;
		}
	}

	try {
		await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('contribution')
				.values({
					id,
					consultation_id: c.id,
					kind: 'map_comment',
					author_id: analog ? null : (ctx.actor?.id ?? null),
					anonymous_token_hash: editToken ? hashToken(editToken) : null,
					category_id: data.categoryId ?? null,
					body: data.body,
					geometry: data.geometry ? JSON.stringify(data.geometry) : null,
					geometry_type: data.geometry?.type ?? null,
					bbox: data.geometry ? toPostgresBox(contributionBbox(data.geometry)) : null,
					area_keys: areas.map((a) => a.key),
					channel: data.channel,
					collected_on: analog ? data.collectedOn : null,
					entered_by: analog ? ctx.actor!.id : null,
					event_id: eventId,
					status,
					created_at: ctx.now
				})
				.execute();
			await insertAreas(trx, id, areas);
			// Signed-in authors follow their contribution (issue 10) unless they switched that off: responses
			// reach them through the follow events and their mail setting.
			if (!analog && ctx.actor)
				await followItem(trx, ctx.actor.id, { type: 'contribution', id }, { auto: true, now: ctx.now });
			if (stored.length) {
				await trx
					.insertInto('upload')
					.values(
						stored.map((s) => ({
							id: s.uploadId,
							storage_key: s.key,
							content_type: s.contentType,
							size_bytes: s.size,
							owner_id: ctx.actor?.id ?? null
						}))
					)
					.execute();
				await trx
					.insertInto('contribution_photo')
					.values(
						stored.map((s, position) => ({
							contribution_id: id,
							upload_id: s.uploadId,
							alt_text: s.alt,
							position
						}))
					)
					.execute();
			}
		});
	} catch (e) {
		for (const s of stored) await ctx.storage?.delete(s.key).catch(() => undefined);
		throw e;
	}
	return { ok: true, value: { id, status, areaKeys: areas.map((a) => a.key), editToken } };
}

/** The disk (or quota) is full: an expected failure the form can name, not a crash. */
export function isStorageFull(e: unknown): boolean {
	const code = (e as NodeJS.ErrnoException | null)?.code;
	return code === 'ENOSPC' || code === 'EDQUOT';
}

/** A reply; a reply to a reply attaches to the root (one level of threading). */
export async function createReply(
	ctx: ContributionContext,
	parentId: string,
	input: unknown
): Promise<Result<Created, CreateError>> {
	const parsed = ReplyInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: fieldErrors(parsed.error) };
	if (parsed.data.website) return { ok: false, code: 'spam' };
	const parent = await ctx.db
		.selectFrom('contribution')
		.select(['id', 'parent_id', 'consultation_id', 'status'])
		.where('id', '=', parentId)
		.executeTakeFirst();
	if (!parent || parent.status !== 'published') return { ok: false, code: 'not_found' };
	const rootId = parent.parent_id ?? parent.id;
	const admitted = await admit(ctx, await consultationRef(ctx, { id: parent.consultation_id }), parsed.data);
	if (!admitted.ok) return admitted;
	const c = admitted.value;
	const id = randomUUID();
	const editToken = ctx.actor ? null : generateToken();
	const status = c.preModeration ? 'pending' : 'published';
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('contribution')
			.values({
				id,
				consultation_id: c.id,
				parent_id: rootId,
				kind: 'reply',
				author_id: ctx.actor?.id ?? null,
				anonymous_token_hash: editToken ? hashToken(editToken) : null,
				body: parsed.data.body,
				status,
				created_at: ctx.now
			})
			.execute();
		await trx
			.updateTable('contribution')
			.set({ reply_count: sql<number>`reply_count + 1` })
			.where('id', '=', rootId)
			.execute();
	});
	return { ok: true, value: { id, status, areaKeys: [], editToken } };
}
