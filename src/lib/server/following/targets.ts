// What can be followed and what is public, over the registry: areas and consultations (core), and
// every module's items through their itemSummaries hooks (participation/component.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ItemSummary, ItemSummaryAdapter } from '../participation/component';
import { registry as appRegistry, type Registry } from '../participation/registry';
import type { FollowTarget } from './follow';

export interface ItemRef {
	itemType: string;
	itemId: string;
}

export interface PublicItem extends ItemSummary {
	kindKey: string;
}

export const refKey = (itemType: string, itemId: string) => `${itemType}:${itemId}`;

export async function itemSummaryAdapters(registry: Registry = appRegistry): Promise<ItemSummaryAdapter[]> {
	const all = await registry.hooks();
	return all.flatMap(({ hooks }) => hooks.itemSummaries ?? []);
}

/** The public ones of the given items (hidden, unpublished and unknown ones are left out), by refKey. */
export async function publicItems(
	db: Kysely<DB>,
	refs: readonly ItemRef[],
	registry: Registry = appRegistry
): Promise<Map<string, PublicItem>> {
	const result = new Map<string, PublicItem>();
	if (refs.length === 0) return result;
	const byType = new Map<string, string[]>();
	for (const r of refs) byType.set(r.itemType, [...(byType.get(r.itemType) ?? []), r.itemId]);
	const adapters = await itemSummaryAdapters(registry);
	for (const [type, ids] of byType) {
		const adapter = adapters.find((a) => a.itemType === type);
		if (!adapter) continue;
		const found = await adapter.summaries(db, [...new Set(ids)]);
		for (const [id, summary] of found) result.set(refKey(type, id), { ...summary, kindKey: adapter.kindKey });
	}
	return result;
}

/**
 * Which of an event's items are still public: the modules' items (publicItems) and consultations
 * ("Neue Beteiligung in Ihrem Quartier": public once published, as describeTargets has it).
 */
export async function publicEventItems(
	db: Kysely<DB>,
	refs: readonly ItemRef[],
	registry: Registry = appRegistry
): Promise<Set<string>> {
	const visible = new Set((await publicItems(db, refs, registry)).keys());
	const consultationIds = refs.filter((r) => r.itemType === 'consultation').map((r) => r.itemId);
	if (consultationIds.length) {
		const rows = await db
			.selectFrom('consultation')
			.select('id')
			.where('id', 'in', [...new Set(consultationIds)])
			.where('status', '!=', 'draft')
			.execute();
		for (const r of rows) visible.add(refKey('consultation', r.id));
	}
	return visible;
}

/** Item types one may follow besides areas and consultations. */
export const FOLLOWABLE_CORE = ['area', 'consultation'] as const;

export interface TargetView {
	type: string;
	id: string;
	kindKey: string;
	title: string;
	path: string;
}

/** The public targets among these (an area, a public consultation, a public item), in the given order. */
export async function describeTargets(
	db: Kysely<DB>,
	targets: readonly FollowTarget[],
	registry: Registry = appRegistry
): Promise<TargetView[]> {
	const areaIds = targets.filter((t) => t.type === 'area').map((t) => t.id);
	const consultationIds = targets.filter((t) => t.type === 'consultation').map((t) => t.id);
	const [areas, consultations, items] = await Promise.all([
		areaIds.length
			? db.selectFrom('area').select(['id', 'key', 'name']).where('id', 'in', areaIds).execute()
			: [],
		consultationIds.length
			? db
					.selectFrom('consultation')
					.select(['id', 'slug', 'title'])
					.where('id', 'in', consultationIds)
					.where('status', '!=', 'draft')
					.execute()
			: [],
		publicItems(
			db,
			targets
				.filter((t) => t.type !== 'area' && t.type !== 'consultation')
				.map((t) => ({ itemType: t.type, itemId: t.id })),
			registry
		)
	]);
	const views: TargetView[] = [];
	for (const t of targets) {
		if (t.type === 'area') {
			const a = areas.find((x) => x.id === t.id);
			if (a)
				views.push({
					...t,
					kindKey: 'following.kind.area',
					title: a.name,
					path: `/sozialraeume/${encodeURIComponent(a.key)}`
				});
		} else if (t.type === 'consultation') {
			const c = consultations.find((x) => x.id === t.id);
			if (c)
				views.push({
					...t,
					kindKey: 'following.kind.consultation',
					title: c.title,
					path: `/beteiligung/${c.slug}`
				});
		} else {
			const item = items.get(refKey(t.type, t.id));
			if (item) views.push({ ...t, kindKey: item.kindKey, title: item.title, path: item.path });
		}
	}
	return views;
}
