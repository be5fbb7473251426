// Map contributions: bounding-box loads with 100,000 contributions in the database (p50/p95 at 1, 16
// and 64 concurrent clients, in process through the real query module, which answers from its tile
// cache; once more at 16 clients while contributions are written) and contribution writes per
// second (createContribution with area assignment), on PGlite and — when TEST_DATABASE_URL is set —
// on PostgreSQL (a throw-away database). Beside each map figure its physical reference: the same
// statement sent bare (raw driver, same concurrency, no Kysely, no app code around it).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Measurement } from './run';
import { openDatabase, type Database } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';
import {
	createContribution,
	listContributionsInBox,
	mapFeaturesInBox
} from '../src/lib/server/contributions';
import { mapFeaturesQuery } from '../src/lib/server/contributions/queries';
import { mapTileBuilds } from '../src/lib/server/contributions/map-cache';

const TOTAL = Number(process.env.BENCH_CONTRIBUTIONS ?? 100_000);
const QUERIES = 200;
const WRITES = 300;
// A city of about 20 × 15 km around 51.2 N, 7.0 E.
const BOX = { minLon: 6.85, minLat: 51.13, maxLon: 7.15, maxLat: 51.27 };

function percentile(sorted: number[], p: number): number {
	return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

async function seed(database: Database): Promise<string> {
	const { db } = database;
	const c = await db
		.insertInto('consultation')
		.values({
			slug: 'bench',
			title: 'Bench',
			participation_level: 'konsultation',
			can_influence: '-',
			already_decided: '-',
			outcome_plan: '-',
			contact_name: '-',
			status: 'published',
			allow_anonymous: true
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	// The city as the consultation's area: a new contribution must lie inside the consultation.
	const level = await db
		.insertInto('area_level')
		.values({ key: 'stadt', name: 'Stadt', rank: 0 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const { minLon: x0, minLat: y0, maxLon: x1, maxLat: y1 } = BOX;
	const area = await db
		.insertInto('area')
		.values({
			level_id: level.id,
			key: '00',
			name: 'Benchstadt',
			geometry: JSON.stringify({
				type: 'Polygon',
				coordinates: [
					[
						[x0, y0],
						[x1, y0],
						[x1, y1],
						[x0, y1],
						[x0, y0]
					]
				]
			}),
			bbox: `(${x1},${y1}),(${x0},${y0})`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('consultation_area').values({ consultation_id: c.id, area_id: area.id }).execute();
	// One statement: points spread over the city, every tenth one a small area.
	await database.withRawClient(async (client) => {
		await client.query(
			`insert into qk.contribution (consultation_id, body, geometry, geometry_type, bbox, area_keys, status)
			 select $1::uuid, 'Beitrag ' || i,
			   jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(x, y)), 'Point',
			   box(point(x, y), point(x, y)), array['00'], case when i % 50 = 0 then 'hidden' else 'published' end
			 from (select i, $2 + random() * $3 as x, $4 + random() * $5 as y from generate_series(1, $6) i) s`,
			[c.id, BOX.minLon, BOX.maxLon - BOX.minLon, BOX.minLat, BOX.maxLat - BOX.minLat, TOTAL]
		);
		// Vacuumed as well: the state of a table some minutes after a bulk load, so autovacuum's first
		// pass over the 100,000 new rows does not run in the middle of the measurements.
		await client.exec('vacuum analyze qk.contribution');
	});
	return c.id;
}

/** A viewport of about 1.5 × 1 km (a map zoomed to a neighbourhood) at a random place. */
function viewport(): [number, number, number, number] {
	const w = 0.02;
	const h = 0.009;
	const x = BOX.minLon + Math.random() * (BOX.maxLon - BOX.minLon - w);
	const y = BOX.minLat + Math.random() * (BOX.maxLat - BOX.minLat - h);
	return [x, y, x + w, y + h];
}

/** 'features': what the map endpoint does (GeoJSON text built in SQL); 'rows': the row path (the list). */
type LoadPath = 'features' | 'rows';

/** How many 'features' loads the tile cache answered (the rest went to the database). */
const served = { cached: 0, total: 0 };

async function loadOnce(database: Database, consultationId: string, path: LoadPath): Promise<void> {
	if (path === 'features') {
		const r = await mapFeaturesInBox(database.db, consultationId, viewport());
		served.total++;
		if (r.cached) served.cached++;
		return;
	}
	const list = await listContributionsInBox(
		database.db,
		consultationId,
		viewport(),
		{},
		{ limit: 5000, countTotal: false }
	);
	JSON.stringify(list.items);
}

async function loads(
	database: Database,
	consultationId: string,
	clients: number,
	path: LoadPath
): Promise<number[]> {
	const times: number[] = [];
	let left = QUERIES;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (left-- > 0) {
				const start = performance.now();
				await loadOnce(database, consultationId, path);
				times.push(performance.now() - start);
			}
		})
	);
	return times.sort((a, b) => a - b);
}

/** The same statement sent bare: PostgreSQL through a pg.Pool of `clients`, PGlite on its one connection. */
async function bareLoads(database: Database, consultationId: string, clients: number): Promise<number[]> {
	const statement = () => mapFeaturesQuery(database.db, consultationId, viewport()).compile();
	const times: number[] = [];
	let left = QUERIES;
	const url = database.kind === 'postgres' ? currentUrl : undefined;
	const pool = url ? new pg.Pool({ connectionString: url, max: clients }) : undefined;
	try {
		const send = pool
			? async (q: { sql: string; parameters: readonly unknown[] }) => {
					await pool.query(q.sql, [...q.parameters]);
				}
			: async (q: { sql: string; parameters: readonly unknown[] }) => {
					await database.withRawClient((c) => c.query(q.sql, [...q.parameters]));
				};
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (left-- > 0) {
					const q = statement();
					const start = performance.now();
					await send(q);
					times.push(performance.now() - start);
				}
			})
		);
	} finally {
		await pool?.end();
	}
	return times.sort((a, b) => a - b);
}

let currentUrl: string | undefined;

async function run(kind: 'pglite' | 'postgres', database: Database): Promise<Measurement[]> {
	await migrate(database);
	const consultationId = await seed(database);
	const out: Measurement[] = [];
	for (const path of ['features', 'rows'] as const) {
		await loads(database, consultationId, 1, path); // warm-up
		const label =
			path === 'features' ? 'bbox load (map GeoJSON, tile cache)' : 'bbox load (rows to JSON in Node)';
		for (const clients of [1, 16, 64]) {
			served.cached = served.total = 0;
			const built = mapTileBuilds(database.db);
			const t = await loads(database, consultationId, clients, path);
			const cacheNote =
				path === 'features'
					? `; ${served.cached} of ${served.total} answered from the tile cache, ${mapTileBuilds(database.db) - built} tiles built meanwhile`
					: '';
			const p95 = percentile(t, 95);
			const bare = path === 'features' ? await bareLoads(database, consultationId, clients) : null;
			out.push(
				{
					name: `${kind} ${label} p50, ${clients} client(s), ${TOTAL} contributions`,
					value: percentile(t, 50),
					unit: 'ms'
				},
				{
					name: `${kind} ${label} p95, ${clients} client(s), ${TOTAL} contributions`,
					value: p95,
					unit: 'ms',
					...(clients === 16 && kind === 'postgres' && path === 'features'
						? { target: '< 50 ms', met: p95 < 50 }
						: {}),
					...(bare
						? {
								notes: `bare SQL (the database-built GeoJSON statement the map used before the tile cache, raw driver, ${clients} client(s)): p50 ${percentile(bare, 50)} ms, p95 ${percentile(bare, 95)} ms${cacheNote}`
							}
						: {})
				}
			);
			if (bare)
				out.push({
					name: `${kind} bbox load bare SQL p95, ${clients} client(s) (reference)`,
					value: percentile(bare, 95),
					unit: 'ms'
				});
		}
	}
	{
		// The crowd while people write: 16 readers, one new contribution every 100 ms (each raises
		// the map version, so the tiles of the views are rebuilt as they are asked for).
		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				const [x, y] = viewport();
				const r = await createContribution(
					{
						db: database.db,
						secret: 'bench',
						actor: null,
						now: new Date(),
						clientAddress: `10.9.${written >> 8}.${written & 255}`
					},
					consultationId,
					{
						body: `Beitrag während der Last ${written}`,
						geometry: JSON.stringify({ type: 'Point', coordinates: [x, y] })
					}
				);
				if (!r.ok) throw new Error(`write failed: ${r.code}`);
				written++;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		served.cached = served.total = 0;
		const t = await loads(database, consultationId, 16, 'features');
		writing = false;
		await writer;
		out.push({
			name: `${kind} bbox load (map GeoJSON, tile cache) p95, 16 client(s) while writing, ${TOTAL} contributions`,
			value: percentile(t, 95),
			unit: 'ms',
			notes: `p50 ${percentile(t, 50)} ms; ${written} contributions written meanwhile (one every 100 ms, each a new map version); ${served.cached} of ${served.total} answered from the tile cache`
		});
	}
	if (kind === 'postgres') {
		// Where a map request's time goes: the plan of one viewport's statement.
		const q = mapFeaturesQuery(database.db, consultationId, viewport()).compile();
		const plan = await database.withRawClient((c) =>
			c.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, timing off) ${q.sql}`, [...q.parameters])
		);
		out.push({
			name: `${kind} bbox load plan (EXPLAIN ANALYZE, one viewport)`,
			value: Number(/Execution Time: ([\d.]+)/.exec(plan.map((r) => r['QUERY PLAN']).join('\n'))?.[1] ?? NaN),
			unit: 'ms',
			notes: plan.map((r) => r['QUERY PLAN'].trim()).join(' | ')
		});
	}
	const start = performance.now();
	for (let i = 0; i < WRITES; i++) {
		const [x, y] = viewport();
		const r = await createContribution(
			{
				db: database.db,
				secret: 'bench',
				actor: null,
				now: new Date(),
				clientAddress: `10.0.${i >> 8}.${i & 255}`
			},
			consultationId,
			{ body: `Neuer Beitrag ${i}`, geometry: JSON.stringify({ type: 'Point', coordinates: [x, y] }) }
		);
		if (!r.ok) throw new Error(`write failed: ${r.code} ${JSON.stringify(r.errors)}`);
	}
	out.push({
		name: `${kind} contribution writes (sequential, with area assignment)`,
		value: Math.round(WRITES / ((performance.now() - start) / 1000)),
		unit: 'per second'
	});
	return out;
}

export default async function bench(): Promise<Measurement[]> {
	const results: Measurement[] = [];
	const lite = await openDatabase({ inMemory: true, lockRole: 'none' });
	try {
		results.push(...(await run('pglite', lite)));
	} finally {
		await lite.close();
	}
	const url = process.env.TEST_DATABASE_URL;
	if (url) {
		const name = `qk_bench_contrib_${randomBytes(4).toString('hex')}`;
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const target = new URL(url);
		target.pathname = `/${name}`;
		currentUrl = target.toString();
		const database = await openDatabase({ databaseUrl: currentUrl });
		try {
			results.push(...(await run('postgres', database)));
		} finally {
			await database.close();
			await admin.query(`drop database if exists ${name}`);
			await admin.end();
		}
	}
	return results;
}
