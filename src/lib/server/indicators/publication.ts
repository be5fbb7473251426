// Publishing a committed indicator import: its staged values are moved into qk.indicator_value in
// chunks (each a short transaction, so on PGlite's single connection pages get a turn in between),
// then its upward totals are replaced in one last short transaction. The qk.indicator_publication row
// written with the import's commit is the promise that this happens: a process that dies half-way
// leaves it, and the next start (app or CLI) or the next import finishes the publication, recomputing
// the totals from what is then stored. Readers may see an import half-moved for the few seconds it
// runs, never values and totals out of step for good.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import { derivedInputsToken, lockDerivedValues, recomputeDerivedValues } from './recompute';
import { forgetAreasGeoJson } from '../monitoring/geojson-cache';

/** Rows moved per transaction (about 100–200 ms each on PGlite, so pages get a turn in between). */
export const PUBLISH_CHUNK = 5_000;

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Per-row foreign-key checks cost PGlite more than half of moving a chunk. Every moved row is joined
 * to its area and indicator in the same statement (rows of deleted ones are dropped) and the import
 * run was committed before, so where the connection may (a superuser: always so on embedded PGlite)
 * the chunk skips the triggers for its one statement. Elsewhere the normal checks run.
 */
async function skipForeignKeyTriggers(trx: Kysely<DB>): Promise<boolean> {
	const r = await sql<{ on: boolean }>`select current_setting('is_superuser') = 'on' as on`.execute(trx);
	if (!r.rows[0]?.on) return false;
	await sql`set local session_replication_role = replica`.execute(trx);
	return true;
}

/**
 * Moves the next PUBLISH_CHUNK staged own rows (by their seq, after the publication's published_seq)
 * and removes them from the staging table; returns how many were taken (0: none left or not pending).
 */
export async function publishChunk(db: Kysely<DB>, importId: string): Promise<number> {
	return db.transaction().execute(async (trx) => {
		// The row lock serialises two processes finishing the same publication.
		const pending = await sql<{ after: string }>`
			update qk.indicator_publication set heartbeat = now()
			 where import_id = ${importId}::uuid returning published_seq::text as after`.execute(trx);
		if (pending.rows.length === 0) return 0;
		const after = pending.rows[0].after;
		// A range of seq (an index range scan); gaps (staged totals, rows of other imports) only make a
		// chunk smaller. The count says how many rows the range held, moved or dropped.
		const range = await sql<{ n: number; last: string | null }>`
			select count(*)::int as n, max(seq)::text as last from (
				select seq from qk.indicator_value_stage
				 where import_id = ${importId}::uuid and seq > ${after}::bigint and not derived
				 order by seq limit ${PUBLISH_CHUNK}) c`.execute(trx);
		const { n, last } = range.rows[0] ?? { n: 0, last: null };
		if (n === 0 || last === null) return 0;
		const skipped = await skipForeignKeyTriggers(trx);
		await sql`
			insert into qk.indicator_value (indicator_id, area_id, year, value, category, reason, derived, import_id)
			-- an area or indicator deleted since the import read it takes its values with it
			select s.indicator_id, s.area_id, s.year, s.value, s.category, s.reason, false, ${importId}::uuid
			  from qk.indicator_value_stage s
			  join qk.area a on a.id = s.area_id join qk.indicator i on i.id = s.indicator_id
			 where s.import_id = ${importId}::uuid and s.seq > ${after}::bigint and s.seq <= ${last}::bigint
			   and not s.derived
			on conflict (indicator_id, area_id, year) do update set value = excluded.value,
				category = excluded.category, reason = excluded.reason, derived = false, import_id = excluded.import_id`.execute(
			trx
		);
		if (skipped) await sql`set local session_replication_role = origin`.execute(trx);
		// Moved rows go now (one index range), so the end has no long delete that would stall pages.
		await sql`delete from qk.indicator_value_stage
		           where import_id = ${importId}::uuid and seq > ${after}::bigint and seq <= ${last}::bigint
		             and not derived`.execute(trx);
		await sql`update qk.indicator_publication set published_seq = ${last}::bigint
		           where import_id = ${importId}::uuid`.execute(trx);
		return n;
	});
}

/**
 * The last step: the totals. Staged totals are used when nothing they depend on changed since they
 * were computed (same inputs token); otherwise, and always when `recompute` is set, they are computed
 * afresh from what is stored. Returns the number of derived rows written, or null when the
 * publication was already finished.
 */
export async function finishPublication(
	db: Kysely<DB>,
	importId: string,
	options: { recompute?: boolean } = {}
): Promise<number | null> {
	const derived = await db.transaction().execute(async (trx) => {
		await lockDerivedValues(trx);
		const pub = await trx
			.selectFrom('indicator_publication')
			.select(['cleared', 'inputs_token', 'published_seq'])
			.where('import_id', '=', importId)
			.forUpdate()
			.executeTakeFirst();
		if (!pub) return null;
		// Own rows a crash left behind go in first (normally none are left).
		await sql`
			insert into qk.indicator_value (indicator_id, area_id, year, value, category, reason, derived, import_id)
			select s.indicator_id, s.area_id, s.year, s.value, s.category, s.reason, false, ${importId}::uuid
			  from qk.indicator_value_stage s join qk.area a on a.id = s.area_id join qk.indicator i on i.id = s.indicator_id
			 where s.import_id = ${importId}::uuid and not s.derived and s.seq > ${String(pub.published_seq)}::bigint
			on conflict (indicator_id, area_id, year) do update set value = excluded.value,
				category = excluded.category, reason = excluded.reason, derived = false, import_id = excluded.import_id`.execute(
			trx
		);
		const cleared = pub.cleared as unknown as string[];
		const fresh = !options.recompute && (await derivedInputsToken(trx)) === pub.inputs_token;
		let derived: number;
		if (fresh) {
			if (cleared.length > 0)
				await sql`delete from qk.indicator_value where derived and indicator_id = any(${cleared}::uuid[])`.execute(
					trx
				);
			const written = await sql`
				insert into qk.indicator_value (indicator_id, area_id, year, value, category, reason, derived, import_id)
				select s.indicator_id, s.area_id, s.year, s.value, s.category, s.reason, true, null
				  from qk.indicator_value_stage s join qk.area a on a.id = s.area_id join qk.indicator i on i.id = s.indicator_id
				 where s.import_id = ${importId}::uuid and s.derived
				on conflict (indicator_id, area_id, year) do nothing`.execute(trx);
			derived = Number(written.numAffectedRows ?? 0);
		} else {
			derived = (await recomputeDerivedValues(trx, { indicatorIds: cleared })).derivedValues;
		}
		await trx.deleteFrom('indicator_value_stage').where('import_id', '=', importId).execute();
		await trx.deleteFrom('indicator_publication').where('import_id', '=', importId).execute();
		return derived;
	});
	// The area GeoJSON's population suppression follows the values: serve it fresh on this node.
	forgetAreasGeoJson(db);
	return derived;
}

/** Moves all staged rows of a committed import, then its totals. */
export async function runPublication(
	db: Kysely<DB>,
	importId: string,
	options: { recompute?: boolean } = {}
): Promise<number | null> {
	while ((await publishChunk(db, importId)) > 0) await nextTurn();
	return finishPublication(db, importId, options);
}

/**
 * Finishes publications that nobody is working on (heartbeat older than `staleAfterSeconds`; 0 on
 * PGlite at start, where no other process can hold one), totals recomputed. Run at every start and
 * before each import. Returns the import ids finished.
 */
export async function resumePublications(
	db: Kysely<DB>,
	options: { staleAfterSeconds: number }
): Promise<string[]> {
	const pending = await sql<{ import_id: string }>`
		select import_id from qk.indicator_publication
		 where heartbeat <= now() - make_interval(secs => ${options.staleAfterSeconds}::int)
		 order by heartbeat`.execute(db);
	const done: string[] = [];
	for (const { import_id } of pending.rows) {
		if ((await runPublication(db, import_id, { recompute: true })) !== null) done.push(import_id);
	}
	return done;
}
