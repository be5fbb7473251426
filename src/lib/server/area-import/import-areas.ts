// One entry point for the web wizard and the CLI: read the file, plan against the database, and
// (only when asked and nothing is wrong) commit.
import type { Kysely } from 'kysely';
import { can } from '../auth/permissions';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import { commitAreaImport, type AreaImportSummary } from './commit';
import { loadExistingState } from './existing';
import { planAreaImport } from './plan';
import { readAreaSource, type ReadOptions } from './source';
import type { AreaImportMapping, AreaImportPlan, AreaSource, ImportIssue } from './types';

export type PrepareResult =
	| { ok: true; source: AreaSource; plan: AreaImportPlan }
	| { ok: false; stage: 'file'; issues: ImportIssue[]; source: null }
	| { ok: false; stage: 'plan'; issues: ImportIssue[]; source: AreaSource; plan: AreaImportPlan };

export async function prepareAreaImport(
	db: Kysely<DB>,
	bytes: Uint8Array,
	mapping: AreaImportMapping,
	options: ReadOptions = {}
): Promise<PrepareResult> {
	const read = await readAreaSource(bytes, options);
	if (!read.ok) return { ok: false, stage: 'file', issues: [read.issue], source: null };
	return planSource(db, read.source, mapping);
}

export async function planSource(
	db: Kysely<DB>,
	source: AreaSource,
	mapping: AreaImportMapping
): Promise<PrepareResult> {
	const existing = await loadExistingState(db, mapping);
	const plan = planAreaImport(source, mapping, existing);
	if (plan.issues.length) return { ok: false, stage: 'plan', issues: plan.issues, source, plan };
	return { ok: true, source, plan };
}

export type ImportAreasResult =
	| { ok: true; value: AreaImportSummary; plan: AreaImportPlan }
	| Extract<PrepareResult, { ok: false }>
	| { ok: false; stage: 'permission'; issues: ImportIssue[]; source: null };

/** Reads, validates everything, and writes in one transaction; on any problem nothing is written. */
export async function importAreas(
	ctx: CommandContext,
	input: {
		bytes: Uint8Array;
		fileName: string;
		mapping: AreaImportMapping;
		source?: AreaSource;
		options?: ReadOptions;
	}
): Promise<ImportAreasResult> {
	if (!can(ctx.actor, 'area.manage')) return { ok: false, stage: 'permission', issues: [], source: null };
	const prepared = input.source
		? await planSource(ctx.db, input.source, input.mapping)
		: await prepareAreaImport(ctx.db, input.bytes, input.mapping, input.options);
	if (!prepared.ok) return prepared;
	const committed = await commitAreaImport(ctx, prepared.plan, input.fileName);
	if (!committed.ok) throw new Error('unreachable: a plan without issues was refused');
	return { ok: true, value: committed.value, plan: prepared.plan };
}
