// Participation per area over every module ("Wer wurde erreicht?"): each module's counts per area and
// channel, online and analog apart. Raw counts for staff; publishing applies the small-number rules.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { StatFilter } from './component';
import { registry as appRegistry, type Registry } from './registry';

export interface AreaParticipation {
	areaId: string;
	module: string;
	online: number;
	analog: number;
}

export async function participationPerArea(
	db: Kysely<DB>,
	filter: StatFilter = {},
	registry: Registry = appRegistry
): Promise<AreaParticipation[]> {
	const out = new Map<string, AreaParticipation>();
	for (const { hooks } of await registry.hooks())
		for (const stat of hooks.statsPerArea ?? [])
			for (const row of await stat.countPerArea(db, filter)) {
				const key = `${stat.key}:${row.areaId}`;
				const entry = out.get(key) ?? { areaId: row.areaId, module: stat.key, online: 0, analog: 0 };
				if (row.channel === 'online') entry.online += row.count;
				else entry.analog += row.count;
				out.set(key, entry);
			}
	return [...out.values()];
}
