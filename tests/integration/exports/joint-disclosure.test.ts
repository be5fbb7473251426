// A module exporting per-area counts with parent totals goes through the export service onto the
// joint disclosure decision: the CSV read back (papaparse) gives a differencing attacker (parents are
// sums of their children, total = ideas + comments) no hidden count. On both databases.
import { unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { ParticipationManifest } from '../../../src/lib/server/participation/component';
import { exportConsultation } from '../../../src/lib/server/participation/exports';
import { registry, Registry } from '../../../src/lib/server/participation/registry';
import { describeEachDatabase } from '../helpers/db';
import { parseCsvWithBom } from '../helpers/real-programs';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

/** Input per Quartier (ideas, comments); q1 has 2 ideas, q4 1 comment: both below k = 3. */
const LEAVES: Record<string, [string, number, number]> = {
	q1: ['b1', 2, 10],
	q2: ['b1', 7, 9],
	q3: ['b1', 12, 4],
	q4: ['b2', 5, 1],
	q5: ['b2', 8, 8]
};

interface StatRow {
	id: string;
	key: string;
	parentId: string | null;
	ideas: number;
	comments: number;
}

function attack(rows: { key: string; parent: string | null; cells: (number | null)[] }[]): string[] {
	const known = new Map<string, number>();
	for (const r of rows) r.cells.forEach((v, j) => v !== null && known.set(`${r.key}|${j}`, v));
	const equations: { plus: string[]; minus: string[] }[] = [];
	for (const r of rows) {
		equations.push({ plus: [`${r.key}|2`], minus: [`${r.key}|0`, `${r.key}|1`] });
		const kids = rows.filter((k) => k.parent === r.key);
		if (kids.length)
			for (const j of [0, 1, 2])
				equations.push({ plus: [`${r.key}|${j}`], minus: kids.map((k) => `${k.key}|${j}`) });
	}
	const recovered: string[] = [];
	for (let changed = true; changed;) {
		changed = false;
		for (const e of equations) {
			const unknown = [...e.plus, ...e.minus].filter((x) => !known.has(x));
			if (unknown.length !== 1) continue;
			known.set(unknown[0], 0);
			recovered.push(unknown[0]);
			changed = true;
		}
	}
	return recovered;
}

describeEachDatabase('participation exports: joint disclosure', (get) => {
	let planner: Actor;
	let consultation: { id: string; slug: string };
	let areaIds: Map<string, string>;

	beforeAll(async () => {
		const db = get().db;
		const levels = await db
			.insertInto('area_level')
			.values([
				{ key: 'jd-stadt', name: 'Stadt', rank: 10 },
				{ key: 'jd-bezirk', name: 'Bezirk', rank: 11 },
				{ key: 'jd-quartier', name: 'Quartier', rank: 12 }
			])
			.returning('id')
			.execute();
		areaIds = new Map(['city', 'b1', 'b2', ...Object.keys(LEAVES)].map((k) => [k, randomUUID()]));
		const parentOf = (k: string) => (k === 'city' ? null : k.startsWith('b') ? 'city' : LEAVES[k][0]);
		await db
			.insertInto('area')
			.values(
				[...areaIds].map(([key, id]) => ({
					id,
					key: `jd-${key}`,
					name: key,
					level_id: levels[key === 'city' ? 0 : key.startsWith('b') ? 1 : 2].id,
					parent_id: parentOf(key) ? areaIds.get(parentOf(key)!)! : null
				}))
			)
			.execute();
		const creator = await insertUser(db, { roles: ['planner'] });
		planner = await actorFor(db, creator);
		consultation = await insertConsultation(db, { createdBy: creator });
		await db
			.updateTable('consultation')
			.set({ modules: ['map_comments', 'area_stats'] })
			.where('id', '=', consultation.id)
			.execute();
	});

	const count = (key: 'ideas' | 'comments' | 'total') => ({
		key,
		labelKey: 'exports.mapComments.supports',
		descriptionKey: 'exports.mapComments.supportsDescription',
		count: 'area' as const,
		value: (r: unknown) => {
			const row = r as StatRow;
			return key === 'total' ? row.ideas + row.comments : row[key];
		}
	});
	const statsModule: ParticipationManifest = {
		key: 'area_stats',
		labelKey: 'x',
		segment: 'statistik',
		attachesTo: 'consultation',
		section: { titleKey: 'x', linkKey: 'x' },
		permissions: {},
		hooks: async () => ({
			exports: [
				{
					key: 'per_area',
					labelKey: 'exports.mapComments.title',
					columns: [
						{
							key: 'area',
							labelKey: 'exports.mapComments.id',
							descriptionKey: 'x',
							value: (r) => (r as StatRow).key
						},
						count('ideas'),
						count('comments'),
						count('total')
					],
					// Quartiere from the table, Bezirke and the city as their sums (as a module aggregates).
					rows: async (ctx) => {
						const areas = await ctx.db
							.selectFrom('area')
							.select(['id', 'key', 'parent_id'])
							.where('key', 'like', 'jd-%')
							.orderBy('key')
							.execute();
						const rows = new Map<string, StatRow>(
							areas.map((a) => [
								a.id,
								{ id: a.id, key: a.key.slice(3), parentId: a.parent_id, ideas: 0, comments: 0 }
							])
						);
						for (const a of areas) {
							const leaf = LEAVES[a.key.slice(3)];
							if (!leaf) continue;
							for (let id: string | null = a.id; id; id = rows.get(id)!.parentId) {
								rows.get(id)!.ideas += leaf[1];
								rows.get(id)!.comments += leaf[2];
							}
						}
						return [...rows.values()];
					},
					area: (r) => ({ id: (r as StatRow).id, parentId: (r as StatRow).parentId })
				}
			]
		})
	};

	it('hides rows jointly with covers: no count comes back by subtraction', async () => {
		const reg = new Registry([...registry.components, statsModule]);
		const r = await exportConsultation(
			{
				db: get().db,
				actor: planner,
				now: new Date('2026-11-25T10:00:00Z'),
				locale: 'de',
				config: { smallCountK: 3 }
			},
			{ consultationId: consultation.id, format: 'csv-semicolon' },
			reg
		);
		if (!r.ok) throw new Error(r.code);
		const files = unzipSync(r.value.bytes);
		const csv = parseCsvWithBom(files[`${consultation.slug}-2026-11-25-per_area.csv`], ';');
		const parentKey = (k: string) => (k === 'city' ? null : k.startsWith('b') ? 'city' : LEAVES[k][0]);
		const rows = csv.slice(1).map(([key, ...cells]) => ({
			key,
			parent: parentKey(key),
			cells: cells.map((c) => (c === '.' ? null : Number(c)))
		}));
		expect(rows.map((r) => r.key).sort()).toEqual(['b1', 'b2', 'city', 'q1', 'q2', 'q3', 'q4', 'q5']);
		const hidden = rows.filter((r) => r.cells.every((c) => c === null)).map((r) => r.key);
		expect(hidden).toEqual(expect.arrayContaining(['q1', 'q4']));
		// A row is hidden in all its counts or in none.
		expect(rows.every((r) => r.cells.every((c) => c === null) || r.cells.every((c) => c !== null))).toBe(
			true
		);
		expect(attack(rows)).toEqual([]);
		// The published totals are the real ones.
		expect(rows.find((r) => r.key === 'city')!.cells).toEqual([34, 32, 66]);
	});
});
