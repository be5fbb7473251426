// Create and update indicator metadata; after a change to how an indicator aggregates, its derived
// values are recomputed in the same transaction (totals never out of step with their settings).
import type { Kysely } from 'kysely';
import { actorUserId, writeAudit, type CommandContext } from '../core';
import { can } from '../auth/permissions';
import type { DB } from '../db/types';
import { recomputeDerivedValues } from './recompute';
import type { IndicatorInput } from './schemas';

export type SaveIndicatorResult =
	| { ok: true; value: { id: string } }
	| { ok: false; code: 'forbidden' | 'key_taken' | 'invalid_parts' | 'not_found' };

async function partsValid(db: Kysely<DB>, input: IndicatorInput, selfId: string | null): Promise<boolean> {
	if (input.aggregation === 'none' && input.denominatorId) {
		// The weight of a weighted mean: another numeric indicator.
		if (input.denominatorId === selfId) return false;
		const weight = await db
			.selectFrom('indicator')
			.select('value_type')
			.where('id', '=', input.denominatorId)
			.executeTakeFirst();
		return weight?.value_type === 'numeric';
	}
	if (input.aggregation !== 'rate') return true;
	const ids = [input.numeratorId!, input.denominatorId!];
	if (selfId && ids.includes(selfId)) return false;
	const parts = await db
		.selectFrom('indicator')
		.select(['id', 'value_type'])
		.where('id', 'in', ids)
		.execute();
	return parts.length === 2 && parts.every((p) => p.value_type === 'numeric');
}

function columns(input: IndicatorInput) {
	return {
		key: input.key,
		name: input.name,
		definition: input.definition,
		unit: input.unit,
		source: input.source,
		licence: input.licence,
		as_of: input.asOf,
		domain: input.domain,
		polarity: input.polarity,
		visibility: input.visibility,
		value_type: input.valueType,
		aggregation: input.aggregation,
		numerator_id: input.numeratorId,
		denominator_id: input.denominatorId,
		scale: input.scale,
		in_composite_index: input.inCompositeIndex,
		sort_order: input.sortOrder
	};
}

async function keyTaken(db: Kysely<DB>, key: string, selfId: string | null): Promise<boolean> {
	const row = await db
		.selectFrom('indicator')
		.select('id')
		.where((eb) => eb(eb.fn('lower', ['key']), '=', key.toLowerCase()))
		.$if(selfId !== null, (q) => q.where('id', '<>', selfId!))
		.executeTakeFirst();
	return row !== undefined;
}

export async function createIndicator(
	ctx: CommandContext,
	input: IndicatorInput
): Promise<SaveIndicatorResult> {
	if (!can(ctx.actor, 'indicator.manage')) return { ok: false, code: 'forbidden' };
	if (await keyTaken(ctx.db, input.key, null)) return { ok: false, code: 'key_taken' };
	if (!(await partsValid(ctx.db, input, null))) return { ok: false, code: 'invalid_parts' };
	const id = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('indicator')
			.values({ ...columns(input), created_at: ctx.now, updated_at: ctx.now })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'indicator.create',
			subjectType: 'indicator',
			subjectId: row.id,
			details: { key: input.key },
			at: ctx.now
		});
		if (input.aggregation !== 'none' || input.denominatorId !== null)
			await recomputeDerivedValues(trx, { indicatorIds: [row.id] });
		return row.id;
	});
	return { ok: true, value: { id } };
}

export async function updateIndicator(
	ctx: CommandContext,
	id: string,
	input: IndicatorInput
): Promise<SaveIndicatorResult> {
	if (!can(ctx.actor, 'indicator.manage')) return { ok: false, code: 'forbidden' };
	const before = await ctx.db
		.selectFrom('indicator')
		.select(['aggregation', 'numerator_id', 'denominator_id', 'scale'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!before) return { ok: false, code: 'not_found' };
	if (await keyTaken(ctx.db, input.key, id)) return { ok: false, code: 'key_taken' };
	if (!(await partsValid(ctx.db, input, id))) return { ok: false, code: 'invalid_parts' };
	const aggregationChanged =
		before.aggregation !== input.aggregation ||
		before.numerator_id !== input.numeratorId ||
		before.denominator_id !== input.denominatorId ||
		before.scale !== input.scale;
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('indicator')
			.set({ ...columns(input), updated_at: ctx.now })
			.where('id', '=', id)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'indicator.update',
			subjectType: 'indicator',
			subjectId: id,
			details: { key: input.key },
			at: ctx.now
		});
		if (aggregationChanged) await recomputeDerivedValues(trx, { indicatorIds: [id] });
	});
	return { ok: true, value: { id } };
}

export type CompositeResult =
	{ ok: true; value: { selected: number } } | { ok: false; code: 'forbidden' | 'not_eligible' };

/**
 * Sets "im Gesamtindex" for exactly the given indicators (all others are taken out). Only numeric
 * indicators with a polarity can go into the index.
 */
export async function setCompositeSelection(
	ctx: CommandContext,
	indicatorIds: readonly string[]
): Promise<CompositeResult> {
	if (!can(ctx.actor, 'indicator.manage')) return { ok: false, code: 'forbidden' };
	const ids = [...new Set(indicatorIds)];
	if (ids.length > 0) {
		const eligible = await ctx.db
			.selectFrom('indicator')
			.select('id')
			.where('id', 'in', ids)
			.where('value_type', '=', 'numeric')
			.where('polarity', '<>', 'neutral')
			.execute();
		if (eligible.length !== ids.length) return { ok: false, code: 'not_eligible' };
	}
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('indicator')
			.set({ in_composite_index: false, updated_at: ctx.now })
			.where('in_composite_index', '=', true)
			.$if(ids.length > 0, (q) => q.where('id', 'not in', ids))
			.execute();
		if (ids.length > 0)
			await trx
				.updateTable('indicator')
				.set({ in_composite_index: true, updated_at: ctx.now })
				.where('in_composite_index', '=', false)
				.where('id', 'in', ids)
				.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'indicator.composite',
			subjectType: 'indicator',
			subjectId: ids[0] ?? '',
			details: { indicatorIds: ids },
			at: ctx.now
		});
	});
	return { ok: true, value: { selected: ids.length } };
}
