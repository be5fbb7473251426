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
import {
	bareMapStatement,
	CITY_BOX,
	CONTRIBUTIONS,
	createBenchConsultation,
	percentile,
	seedContributions,
	viewport
} from './contributions-data';

const TOTAL = CONTRIBUTIONS;
const QUERIES = 200;
const WRITES = 300;

async function seed(database: Database): Promise<string> {
	const { db } = database;
	// The city as the consultation's area: a new contribution must lie inside the consultation.
	const level = await db
		.insertInto('area_level')
		.values({ key: 'stadt', name: 'Stadt', rank: 0 })
		.returning('id')
		.executeTakeFirstOrThrow();
	const { minLon: x0, minLat: y0, maxLon: x1, maxLat: y1 } = CITY_BOX;
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
	const consultationId = await createBenchConsultation(database, 'bench', area.id);
	await seedContributions(database, consultationId, '00', TOTAL);
	return consultationId;
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
			const bare =
				path === 'features'
					? await bareMapStatement(database, consultationId, clients, QUERIES, currentUrl)
					: null;
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
