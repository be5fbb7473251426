// "Meine Beiträge": everything a person contributed in any module, newest first, with the current
// official status and latest response. Loops over the registry; each module lists its own entries.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { OutcomeEntry } from '../component';
import { registry as appRegistry, type Registry } from '../registry';
import { summariseOutcomes, type OutcomeSummary } from './queries';
import { MY_CONTRIBUTIONS_PAGE_SIZE } from './schemas';
import { pageOf } from '../../core';

export interface MyContribution extends OutcomeEntry {
	/** null where the kind of input takes no official status (replies) */
	outcome: OutcomeSummary | null;
}

export async function listMyContributions(
	db: Kysely<DB>,
	authorId: string,
	page = 1,
	pageSize = MY_CONTRIBUTIONS_PAGE_SIZE,
	registry: Registry = appRegistry
): Promise<{ entries: MyContribution[]; total: number; page: number; pages: number }> {
	const wanted = Math.max(1, Math.floor(page));
	// The newest `wanted * pageSize` of every module hold the page, whatever the modules' mix.
	const limit = wanted * pageSize;
	const lists = await Promise.all(
		(await registry.hooks()).map(({ hooks }) =>
			hooks.outcomes ? hooks.outcomes(db, authorId, { limit }) : Promise.resolve({ entries: [], total: 0 })
		)
	);
	const total = lists.reduce((n, l) => n + l.total, 0);
	const { page: current, pageCount: pages, offset } = pageOf(total, wanted, pageSize);
	const merged = lists
		.flatMap((l) => l.entries)
		.sort(
			(a, b) =>
				b.createdAt.getTime() - a.createdAt.getTime() ||
				a.itemType.localeCompare(b.itemType) ||
				a.itemId.localeCompare(b.itemId)
		)
		.slice(offset, offset + pageSize);

	const byType = new Map<string, string[]>();
	for (const e of merged)
		if (e.tracksOutcome) byType.set(e.itemType, [...(byType.get(e.itemType) ?? []), e.itemId]);
	const summaries = new Map<string, Map<string, OutcomeSummary>>();
	for (const [type, ids] of byType) summaries.set(type, await summariseOutcomes(db, type, ids));
	return {
		total,
		page: current,
		pages,
		entries: merged.map((e) => ({
			...e,
			outcome: e.tracksOutcome ? (summaries.get(e.itemType)?.get(e.itemId) ?? null) : null
		}))
	};
}
