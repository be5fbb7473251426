// Command: a resident posts an idea (title, text, category, optional place or area, optional photos).
// Areas are assigned at every level (areas/assignment); photos go through the contributions' checks
// (type by content, metadata stripped). One transaction: the idea, its areas, its photos.
import { followItem } from '../following';
import { recordIdeaPublished } from './notify';
import { randomUUID } from 'node:crypto';
import { postingProblem } from '../../ideas/rules';
import { areasTouching, checkInsideConsultation, pickedAreas, type AssignedArea } from '../areas';
import { checkPhotos, type PhotoInput } from '../contributions/photos';
import { consultationRef } from '../consultations/ref';
import { actorUserId, writeAudit, zodFieldErrors, type Result } from '../core';
import { admitParticipation, type GateContext, type GateError } from '../participation/gate';
import { loadBoardRules } from './board';
import { IdeaCreate } from './schemas';
import { UPLOAD_PREFIX } from '../uploads/prefixes';

export type CreateIdeaError =
	GateError | 'invalid' | 'spam' | 'photo' | 'posting_not_started' | 'posting_ended';

export async function createIdea(
	ctx: GateContext,
	consultationId: string,
	input: unknown,
	photos: PhotoInput[] = []
): Promise<Result<{ id: string; status: 'pending' | 'published'; areaKeys: string[] }, CreateIdeaError>> {
	const parsed = IdeaCreate.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const data = parsed.data;
	if (data.website) return { ok: false, code: 'spam' };
	const facts = await consultationRef(ctx, { id: consultationId });
	if (!facts) return { ok: false, code: 'not_found' };

	const errors: Record<string, string> = {};
	if (data.categoryId && !facts.categories.some((c) => c.id === data.categoryId))
		errors.categoryId = 'ideas.errors.categoryInvalid';
	if (facts.categories.length > 0 && !data.categoryId) errors.categoryId = 'ideas.errors.categoryRequired';
	if (Object.keys(errors).length) return { ok: false, code: 'invalid', errors };

	const checked = checkPhotos(photos);
	if (!checked.ok)
		return {
			ok: false,
			code: 'photo',
			errors: { [`photo${checked.index + 1}`]: `contributions.errors.photo_${checked.code}` }
		};

	// The place is optional: a point on the map, or an area from the list, or neither (the whole board).
	let areas: AssignedArea[] = [];
	if (data.lon !== null && data.lat !== null) {
		areas = await areasTouching(ctx.db, { type: 'Point', coordinates: [data.lon, data.lat] });
		const outside = await checkInsideConsultation(ctx.db, facts, areas, 'geometry');
		if (outside) return { ok: false, code: 'invalid', errors: { place: 'ideas.errors.outsideConsultation' } };
	} else if (data.areaId) {
		areas = await pickedAreas(ctx.db, [data.areaId]);
		if (areas.length === 0)
			return { ok: false, code: 'invalid', errors: { areaId: 'ideas.errors.areaInvalid' } };
		const outside = await checkInsideConsultation(ctx.db, facts, areas, 'areaIds');
		if (outside)
			return { ok: false, code: 'invalid', errors: { areaId: 'ideas.errors.outsideConsultation' } };
	}

	const rules = await loadBoardRules(ctx.db, facts.id);
	const phase = postingProblem(rules, ctx.now);
	if (phase === 'posting_not_started' || phase === 'posting_ended') return { ok: false, code: phase };

	const admitted = await admitParticipation(ctx, facts, { module: 'ideas', verb: 'contribute' });
	if (!admitted.ok) return admitted;
	const c = admitted.value;
	const id = randomUUID();
	const status = c.preModeration ? 'pending' : 'published';

	const stored: { key: string; uploadId: string; contentType: string; size: number; alt: string }[] = [];
	if (checked.photos.length) {
		if (!ctx.storage) throw new Error('storage required for photos');
		for (const p of checked.photos) {
			const uploadId = randomUUID();
			const key = `${UPLOAD_PREFIX.ideas}${id}/${uploadId}.${p.extension}`;
			await ctx.storage.put(key, p.data, p.contentType);
			stored.push({ key, uploadId, contentType: p.contentType, size: p.data.length, alt: p.altText });
		}
	}
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('idea')
				.values({
					id,
					consultation_id: c.id,
					author_id: actorUserId(ctx.actor),
					category_id: data.categoryId,
					title: data.title,
					body: data.body,
					lon: data.lon,
					lat: data.lat,
					area_keys: areas.map((a) => a.key),
					status,
					created_at: ctx.now
				})
				.execute();
			if (areas.length)
				await trx
					.insertInto('idea_area')
					.values(areas.map((a) => ({ idea_id: id, area_id: a.id })))
					.execute();
			if (stored.length) {
				await trx
					.insertInto('upload')
					.values(
						stored.map((s) => ({
							id: s.uploadId,
							storage_key: s.key,
							content_type: s.contentType,
							size_bytes: s.size,
							owner_id: actorUserId(ctx.actor)
						}))
					)
					.execute();
				await trx
					.insertInto('idea_photo')
					.values(
						stored.map((s, position) => ({ idea_id: id, upload_id: s.uploadId, alt_text: s.alt, position }))
					)
					.execute();
			}
			// Authors follow their idea (issue 10), unless they switched automatic following off.
			if (ctx.actor && !ctx.actor.system)
				await followItem(trx, ctx.actor.id, { type: 'idea', id }, { auto: true, now: ctx.now });
			await writeAudit(trx, {
				actorId: actorUserId(ctx.actor),
				action: 'ideas.create',
				subjectType: 'idea',
				subjectId: id,
				details: { consultationId: c.id, status },
				at: ctx.now
			});
			if (status === 'published') await recordIdeaPublished(trx, id, actorUserId(ctx.actor), ctx.now);
		});
	} catch (e) {
		for (const s of stored) await ctx.storage?.delete(s.key).catch(() => undefined);
		throw e;
	}
	return { ok: true, value: { id, status, areaKeys: areas.map((a) => a.key) } };
}
