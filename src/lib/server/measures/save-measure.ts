// Commands: create a measure, and change its details. One transaction each, audit row, permission
// checked against the measure's (new and old) areas and consultation.
import { can } from '../auth/permissions';
import {
	actorUserId,
	failure,
	ok,
	writeAudit,
	type Failure,
	zodFieldErrors,
	type CommandContext,
	type Result
} from '../core';
import { recordMeasureEvent } from './notify';
import { measureSubject } from './queries';
import { MeasureInput } from './schemas';

export type SaveMeasureCode = 'invalid' | 'forbidden' | 'not_found';

function values(m: MeasureInput) {
	return {
		title: m.title,
		description: m.description,
		responsible: m.responsible,
		consultation_id: m.consultationId,
		budget_euros: m.budget,
		funding_source: m.fundingSource,
		starts_on: m.startsOn,
		ends_on: m.endsOn
	};
}

const day = (v: Date | string | null) =>
	v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);

/** What a save of a published measure changed that its followers should hear of, if anything. */
function measureChange(
	before: {
		title: string;
		description: string;
		responsible: string;
		budget_euros: number | string | null;
		funding_source: string;
		starts_on: Date | string | null;
		ends_on: Date | string | null;
	},
	m: MeasureInput
): 'rescheduled' | 'changed' | null {
	if (day(before.starts_on) !== m.startsOn || day(before.ends_on) !== m.endsOn) return 'rescheduled';
	const budget = before.budget_euros === null ? null : Number(before.budget_euros);
	if (
		before.title !== m.title ||
		before.description !== m.description ||
		before.responsible !== m.responsible ||
		budget !== m.budget ||
		before.funding_source !== m.fundingSource
	)
		return 'changed';
	return null;
}

async function checkSubject(
	ctx: CommandContext,
	m: MeasureInput,
	action: string
): Promise<Failure<SaveMeasureCode> | null> {
	const subject = await measureSubject(ctx.db, m.areaIds, m.consultationId);
	if (subject.unknownAreas) return failure('invalid', { areaIds: 'measures.errors.areasRequired' });
	if (subject.unknownConsultation)
		return failure('invalid', { consultationId: 'measures.errors.consultation' });
	if (!can(ctx.actor, action, subject)) return failure('forbidden');
	return null;
}

export async function createMeasure(
	ctx: CommandContext,
	input: unknown,
	options: { isDemo?: boolean } = {}
): Promise<Result<{ id: string }, SaveMeasureCode>> {
	const parsed = MeasureInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const m = parsed.data;
	if (!ctx.actor) return { ok: false, code: 'forbidden' };
	const refused = await checkSubject(ctx, m, 'measure.create');
	if (refused) return refused;
	const id = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('measure')
			.values({
				...values(m),
				status: m.status,
				published_at: m.status === 'published' ? ctx.now : null,
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now,
				updated_at: ctx.now,
				is_demo: options.isDemo ?? false
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('measure_area')
			.values([...new Set(m.areaIds)].map((areaId) => ({ measure_id: row.id, area_id: areaId })))
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'measure.create',
			subjectType: 'measure',
			subjectId: row.id,
			details: { title: m.title, status: m.status, areaIds: m.areaIds, consultationId: m.consultationId },
			at: ctx.now
		});
		if (m.status === 'published')
			await recordMeasureEvent(trx, row.id, 'published', actorUserId(ctx.actor), ctx.now);
		return row.id;
	});
	return ok({ id });
}

export async function updateMeasure(
	ctx: CommandContext,
	measureId: string,
	input: unknown
): Promise<Result<{ id: string }, SaveMeasureCode>> {
	const parsed = MeasureInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const m = parsed.data;
	if (!ctx.actor) return { ok: false, code: 'forbidden' };
	const current = await ctx.db
		.selectFrom('measure')
		.select(['id', 'status', 'consultation_id'])
		.where('id', '=', measureId)
		.executeTakeFirst();
	if (!current) return { ok: false, code: 'not_found' };
	const oldAreas = await ctx.db
		.selectFrom('measure_area')
		.select('area_id')
		.where('measure_id', '=', measureId)
		.execute();
	const oldSubject = await measureSubject(
		ctx.db,
		oldAreas.map((a) => a.area_id),
		current.consultation_id
	);
	// Someone who may not maintain it does not learn that it exists.
	if (!can(ctx.actor, 'measure.manage', oldSubject)) return { ok: false, code: 'not_found' };
	const refused = await checkSubject(ctx, m, 'measure.manage');
	if (refused) return refused;
	await ctx.db.transaction().execute(async (trx) => {
		const locked = await trx
			.selectFrom('measure')
			.select([
				'status',
				'title',
				'description',
				'responsible',
				'budget_euros',
				'funding_source',
				'starts_on',
				'ends_on'
			])
			.where('id', '=', measureId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const publishing = locked.status !== 'published' && m.status === 'published';
		await trx
			.updateTable('measure')
			.set({
				...values(m),
				status: m.status,
				updated_at: ctx.now,
				...(publishing ? { published_at: ctx.now } : {})
			})
			.where('id', '=', measureId)
			.execute();
		await trx.deleteFrom('measure_area').where('measure_id', '=', measureId).execute();
		await trx
			.insertInto('measure_area')
			.values([...new Set(m.areaIds)].map((areaId) => ({ measure_id: measureId, area_id: areaId })))
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'measure.update',
			subjectType: 'measure',
			subjectId: measureId,
			details: {
				from: locked.status,
				status: m.status,
				areaIds: m.areaIds,
				consultationId: m.consultationId
			},
			at: ctx.now
		});
		// Followers hear of a published measure's first publication, then of changes they would care
		// about (the schedule; title, description, who is responsible, the money); a save that changes
		// none of these (or only areas and consultation) tells no one.
		const change = publishing ? 'published' : m.status === 'published' ? measureChange(locked, m) : null;
		if (change) await recordMeasureEvent(trx, measureId, change, actorUserId(ctx.actor), ctx.now);
	});
	return ok({ id: measureId });
}
