// Indicator import with the database: load what the parser needs, preview, and commit. The whole
// file is validated outside the transaction. On PostgreSQL the values and their upward totals are
// written in ONE transaction with the new indicators, the import run and the audit row. On embedded
// PGlite (one connection: a long transaction would stall every page) they are staged in chunks, the
// import is committed with a publication promise, and the rows are published in short transactions;
// a crash after the commit is finished at the next start (publication.ts). Either way values are
// never left without their totals.
import { randomUUID } from 'node:crypto';
import { PGliteAdapter, sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { Table } from '../imports/table-file';
import { can } from '../auth/permissions';
import { actorUserId, writeAudit, type CommandContext } from '../core';
import {
	parseIndicatorTable,
	suggestMapping,
	type ImportContext,
	type ImportIssue,
	type MappingHints,
	normaliseAreaName,
	type SeriesPreview,
	type TotalRow,
	type UnmatchedKey
} from './import-table';
import {
	derivedInputsToken,
	lockDerivedValues,
	planDerivedValues,
	recomputeDerivedValues,
	writeDerivedPlan,
	type DerivedPlan,
	type IndicatorAggregation
} from './recompute';
import { discardStagedValues, stageValues, writeValues } from './write-values';
import { nextTurn, resumePublications, runPublication } from './publication';
import type { ImportMapping, ValueType } from './schemas';

/** Areas (current versions) of every level, by key and by name, and all indicators; null when the level does not exist. */
export async function loadImportContext(db: Kysely<DB>, levelKey: string): Promise<ImportContext | null> {
	const levels = await db
		.selectFrom('area_level')
		.select(['id', 'key', 'name', 'rank'])
		.orderBy('rank', 'desc')
		.execute();
	const level = levels.find((l) => l.key === levelKey);
	if (!level) return null;
	const [areas, indicators] = await Promise.all([
		db
			.selectFrom('area')
			.select(['id', 'key', 'name', 'level_id'])
			.where('valid_to', 'is', null)
			.orderBy('valid_from')
			.execute(),
		db.selectFrom('indicator').select(['id', 'key', 'name', 'value_type']).orderBy('key').execute()
	]);
	const byLevel = new Map(
		levels.map((l) => [l.id, { keys: new Map<string, string>(), names: new Map<string, string>() }])
	);
	const nameCount = new Map<string, number>();
	for (const a of areas) {
		const maps = byLevel.get(a.level_id)!;
		// The newest version wins if a key occurs twice.
		maps.keys.set(a.key, a.id);
		const name = normaliseAreaName(a.name);
		const counted = `${a.level_id}|${name}`;
		nameCount.set(counted, (nameCount.get(counted) ?? 0) + 1);
		maps.names.set(name, a.id);
	}
	// A name shared by two areas of a level identifies neither.
	for (const [counted, n] of nameCount) {
		if (n < 2) continue;
		const [levelId, name] = counted.split('|');
		byLevel.get(levelId)!.names.delete(name);
	}
	const own = byLevel.get(level.id)!;
	return {
		areas: own.keys,
		areaNames: own.names,
		otherLevels: levels
			.filter((l) => l.id !== level.id)
			.map((l) => ({
				key: l.key,
				name: l.name,
				areas: byLevel.get(l.id)!.keys,
				areaNames: byLevel.get(l.id)!.names
			})),
		indicators: indicators.map((i) => ({
			id: i.id,
			key: i.key,
			name: i.name,
			valueType: i.value_type as ValueType
		}))
	};
}

export type SuggestImportResult =
	| { ok: true; mapping: ImportMapping; context: ImportContext }
	| { ok: false; code: 'unknown_level' }
	| { ok: false; code: 'forbidden' }
	| { ok: false; code: 'unknown_column'; column: string };

export async function suggestIndicatorImport(
	db: Kysely<DB>,
	table: Table,
	levelKey: string,
	hints: MappingHints = {}
): Promise<SuggestImportResult> {
	const context = await loadImportContext(db, levelKey);
	if (!context) return { ok: false, code: 'unknown_level' };
	// PGlite answers on the main thread: between long synchronous steps other requests get a turn.
	await nextTurn();
	const suggestion = suggestMapping(table, levelKey, context, hints);
	await nextTurn();
	if (!suggestion.ok) return suggestion;
	return { ok: true, mapping: suggestion.mapping, context };
}

export interface ImportPreview {
	series: SeriesPreview[];
	unmatched: UnmatchedKey[];
	totals: TotalRow[];
	perLevel: Record<string, number>;
	matchedRows: number;
	rows: number;
	values: number;
}

export type PreviewResult =
	| { ok: true; value: ImportPreview }
	| { ok: false; code: 'unknown_level' }
	| { ok: false; code: 'invalid_file'; issues: ImportIssue[]; totalIssues: number };

export async function previewIndicatorImport(
	db: Kysely<DB>,
	table: Table,
	mapping: ImportMapping
): Promise<PreviewResult> {
	const context = await loadImportContext(db, mapping.levelKey);
	if (!context) return { ok: false, code: 'unknown_level' };
	await nextTurn();
	const parsed = parseIndicatorTable(table, mapping, context);
	await nextTurn();
	if (!parsed.ok)
		return { ok: false, code: 'invalid_file', issues: parsed.issues, totalIssues: parsed.totalIssues };
	return {
		ok: true,
		value: {
			series: parsed.series,
			unmatched: parsed.unmatched,
			totals: parsed.totals,
			perLevel: parsed.perLevel,
			matchedRows: parsed.matchedRows,
			rows: parsed.rows,
			values: parsed.values.series.length
		}
	};
}

export interface CommitSummary {
	importId: string;
	values: number;
	createdIndicators: { id: string; key: string; name: string }[];
	indicatorIds: string[];
	skippedKeys: number;
	derivedValues: number;
}

export type CommitResult =
	| { ok: true; value: CommitSummary }
	| { ok: false; code: 'unknown_level' }
	| { ok: false; code: 'forbidden' }
	| { ok: false; code: 'invalid_file'; issues: ImportIssue[]; totalIssues: number }
	| { ok: false; code: 'unmatched_keys'; unmatched: UnmatchedKey[] }
	| { ok: false; code: 'key_taken' };

/** Embedded PGlite: one connection for everything, so a long transaction stalls every page. */
function singleConnection(db: Kysely<DB>): boolean {
	return db.getExecutor().adapter instanceof PGliteAdapter;
}

export async function commitIndicatorImport(
	ctx: CommandContext,
	input: {
		fileName: string;
		table: Table;
		mapping: ImportMapping;
		/** source named on new indicators (default: the file name) */
		source?: string;
		/** makes every indicator of the import public, existing ones included */
		publish?: boolean;
	}
): Promise<CommitResult> {
	if (!can(ctx.actor, 'indicator.manage')) return { ok: false, code: 'forbidden' };
	const { mapping } = input;
	// 1. Everything that can fail is checked before the transaction.
	const context = await loadImportContext(ctx.db, mapping.levelKey);
	if (!context) return { ok: false, code: 'unknown_level' };
	await nextTurn();
	const parsed = parseIndicatorTable(input.table, mapping, context);
	await nextTurn();
	if (!parsed.ok)
		return { ok: false, code: 'invalid_file', issues: parsed.issues, totalIssues: parsed.totalIssues };
	if (parsed.unmatched.length > 0 && !mapping.skipUnmatched)
		return { ok: false, code: 'unmatched_keys', unmatched: parsed.unmatched };

	const created: { id: string; key: string; name: string }[] = [];
	const newRows: Insertable<DB['indicator']>[] = [];
	const seriesIndicator = parsed.series.map((s) => {
		if (s.target.action === 'existing') return s.target.indicatorId;
		if (s.target.action !== 'new') throw new Error('ignored series in parse result');
		const id = randomUUID();
		const meta = s.target.meta;
		created.push({ id, key: meta.key, name: meta.name });
		newRows.push({
			id,
			key: meta.key,
			name: meta.name,
			unit: meta.unit,
			domain: meta.domain,
			polarity: meta.polarity,
			visibility: input.publish ? 'public' : meta.visibility,
			value_type: s.valueType,
			aggregation: s.valueType === 'categorical' ? 'none' : meta.aggregation,
			categories: s.valueType === 'categorical' ? JSON.stringify(Object.keys(s.categories)) : null,
			source: (meta.source || input.source?.trim() || input.fileName).slice(0, 300),
			licence: meta.licence,
			definition: meta.definition,
			created_at: ctx.now,
			updated_at: ctx.now
		});
		return id;
	});
	const v = parsed.values;
	const rows = {
		indicatorId: v.series.map((s) => seriesIndicator[s]),
		areaId: v.areaId,
		year: v.year,
		value: v.value,
		category: v.category,
		reason: v.reason as (string | null)[]
	};
	const categoryUpdates = parsed.series
		.map((s, i) => ({ id: seriesIndicator[i], labels: Object.keys(s.categories), s }))
		.filter(
			(u) => u.s.target.action === 'existing' && u.s.valueType === 'categorical' && u.labels.length > 0
		);
	const placeholders = parsed.series.reduce(
		(n, s) => n + Object.values(s.placeholders).reduce((a, b) => a + (b ?? 0), 0),
		0
	);
	const summary = {
		layout: mapping.layout,
		level: mapping.levelKey,
		values: rows.indicatorId.length,
		placeholders,
		indicators: parsed.series.map((s, i) => ({ id: seriesIndicator[i], source: s.source, values: s.values })),
		skippedKeys: parsed.unmatched.map((u) => u.key).slice(0, 1000),
		totalRows: parsed.totals.map((r) => r.row).slice(0, 1000),
		perLevel: parsed.perLevel
	};
	const importId = randomUUID();

	// 2. On PGlite: stage the values and their upward totals (chunked statements outside any transaction).
	const indicatorIds = [...new Set(seriesIndicator)];
	const extraIndicators: IndicatorAggregation[] = newRows.map((r) => ({
		id: r.id!,
		aggregation: r.aggregation ?? 'none',
		numerator_id: null,
		denominator_id: null,
		scale: 100
	}));
	// On PostgreSQL other requests have their own connections: values and totals are written in the
	// commit's transaction itself. Embedded PGlite answers one statement at a time, so there they are
	// staged and published in chunks (publication.ts) and pages get a turn in between.
	const staged = singleConnection(ctx.db);
	// Publications a dead process left half-done come first; staging rows of never-committed imports go.
	await resumePublications(ctx.db, { staleAfterSeconds: 60 });
	await discardStagedValues(ctx.db, { olderThanHours: 24 });
	// The totals are computed before the transaction (from what is stored plus this import's values), so
	// the transaction only writes; if what they depend on changed meanwhile they are computed again.
	const token = await derivedInputsToken(ctx.db);
	const plan: DerivedPlan = await planDerivedValues(ctx.db, { indicatorIds, overlay: rows, extraIndicators });
	let derivedValues = plan.out.indicatorId.length;
	await nextTurn();
	try {
		if (staged) {
			await stageValues(ctx.db, importId, rows, false);
			await stageValues(ctx.db, importId, plan.out, true);
		}

		// 3. The commit: indicators, import run, audit and the publication promise in one transaction.
		await ctx.db.transaction().execute(async (trx) => {
			await lockDerivedValues(trx);
			// Something the totals depend on changed while staging (another import, an area import,
			// a metadata change): compute them again here, from what is committed now.
			const stale = (await derivedInputsToken(trx)) !== token;
			if (newRows.length > 0) await trx.insertInto('indicator').values(newRows).execute();
			const existing = parsed.series.flatMap((s) =>
				s.target.action === 'existing' ? [s.target.indicatorId] : []
			);
			if (input.publish && existing.length > 0)
				await trx
					.updateTable('indicator')
					.set({ visibility: 'public', updated_at: ctx.now })
					.where('id', 'in', existing)
					.execute();
			for (const u of categoryUpdates) {
				// Keep the order already stored; append labels seen for the first time.
				await trx
					.updateTable('indicator')
					.set({
						categories: sql`(select jsonb_agg(label order by ord) from (
							select label, min(ord) as ord from (
								select value as label, ordinality as ord
								  from jsonb_array_elements_text(coalesce(categories, '[]'::jsonb)) with ordinality
								union all
								select label, 100000 + ord from unnest(${u.labels}::text[]) with ordinality as t(label, ord)
							) all_labels group by label) merged)`,
						updated_at: ctx.now
					})
					.where('id', '=', u.id)
					.execute();
			}
			await trx
				.insertInto('import_run')
				.values({
					id: importId,
					kind: 'indicators',
					file_name: input.fileName.slice(0, 300),
					summary: JSON.stringify(summary),
					created_by: actorUserId(ctx.actor),
					created_at: ctx.now
				})
				.execute();
			if (staged)
				await trx
					.insertInto('indicator_publication')
					.values({
						import_id: importId,
						cleared: plan.cleared,
						// Totals computed from a state that changed meanwhile are recomputed when published.
						inputs_token: stale ? 'stale' : await derivedInputsToken(trx)
					})
					.execute();
			else {
				await writeValues(trx, rows, { derived: false, importId });
				if (stale) derivedValues = (await recomputeDerivedValues(trx, { indicatorIds })).derivedValues;
				else await writeDerivedPlan(trx, plan);
			}
			await writeAudit(trx, {
				actorId: actorUserId(ctx.actor),
				action: 'indicator.import',
				subjectType: 'import_run',
				subjectId: importId,
				details: { file: input.fileName, values: rows.indicatorId.length, level: mapping.levelKey },
				at: ctx.now
			});
		});
	} catch (e) {
		await discardStagedValues(ctx.db, { importId });
		// Another import created the same key between the check and the transaction.
		if (/indicator_key_key|duplicate key value/.test((e as Error).message))
			return { ok: false, code: 'key_taken' };
		throw e;
	}
	// 4. Publish: values in chunks, then the totals (finished at the next start if the process dies).
	if (staged) {
		const published = await runPublication(ctx.db, importId);
		if (published !== null) derivedValues = published;
	}
	return {
		ok: true,
		value: {
			importId,
			values: rows.indicatorId.length,
			createdIndicators: created,
			indicatorIds,
			skippedKeys: parsed.unmatched.length,
			derivedValues
		}
	};
}
