// Shared by the bounding-box benches (in process: contributions.bench.ts; over HTTP: map.bench.ts):
// 100,000 contributions spread over a city of about 20 × 15 km, random neighbourhood viewports and
// the bare map statement as the physical reference.
import pg from 'pg';
import type { Database } from '../src/lib/server/db/connection';
import { mapFeaturesQuery } from '../src/lib/server/contributions/queries';

export const CONTRIBUTIONS = Number(process.env.BENCH_CONTRIBUTIONS ?? 100_000);
// Around 51.2 N, 7.0 E.
export const CITY_BOX = { minLon: 6.85, minLat: 51.13, maxLon: 7.15, maxLat: 51.27 };

export function percentile(sorted: number[], p: number): number {
	return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

/** A published consultation open to anonymous input, its area the given one. */
export async function createBenchConsultation(
	database: Database,
	slug: string,
	areaId: string
): Promise<string> {
	const { db } = database;
	const c = await db
		.insertInto('consultation')
		.values({
			slug,
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
	await db.insertInto('consultation_area').values({ consultation_id: c.id, area_id: areaId }).execute();
	return c.id;
}

/** One statement: points spread over the city (every 50th hidden), then vacuumed and analysed. */
export async function seedContributions(
	database: Database,
	consultationId: string,
	areaKey: string,
	total = CONTRIBUTIONS
): Promise<void> {
	const b = CITY_BOX;
	await database.withRawClient(async (client) => {
		await client.query(
			`insert into qk.contribution (consultation_id, body, geometry, geometry_type, bbox, area_keys, status)
			 select $1::uuid, 'Beitrag ' || i,
			   jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(x, y)), 'Point',
			   box(point(x, y), point(x, y)), array[$7::text], case when i % 50 = 0 then 'hidden' else 'published' end
			 from (select i, $2 + random() * $3 as x, $4 + random() * $5 as y from generate_series(1, $6) i) s`,
			[consultationId, b.minLon, b.maxLon - b.minLon, b.minLat, b.maxLat - b.minLat, total, areaKey]
		);
		// The state of a table some minutes after a bulk load, so autovacuum's first pass over the new
		// rows does not run in the middle of the measurements.
		await client.exec('vacuum analyze qk.contribution');
	});
}

/** A viewport of about 1.5 × 1 km (a map zoomed to a neighbourhood) at a random place. */
export function viewport(): [number, number, number, number] {
	const w = 0.02;
	const h = 0.009;
	const b = CITY_BOX;
	const x = b.minLon + Math.random() * (b.maxLon - b.minLon - w);
	const y = b.minLat + Math.random() * (b.maxLat - b.minLat - h);
	return [x, y, x + w, y + h];
}

type Statement = { sql: string; parameters: readonly unknown[] };

/**
 * Statements sent bare (raw driver, no Kysely, no app code around them), `total` rounds by `clients`
 * at once, each round the statements `build` gives, one after the other: PostgreSQL through a pg.Pool
 * of `clients`, PGlite on its one connection. Returns each round's time, sorted.
 */
export async function bareRounds(
	database: Database,
	clients: number,
	total: number,
	build: () => Statement[],
	postgresUrl?: string
): Promise<number[]> {
	const times: number[] = [];
	let left = total;
	const pool = postgresUrl ? new pg.Pool({ connectionString: postgresUrl, max: clients }) : undefined;
	try {
		const send = async (q: Statement) => {
			if (pool) await pool.query(q.sql, [...q.parameters]);
			else await database.withRawClient((c) => c.query(q.sql, [...q.parameters]));
		};
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (left-- > 0) {
					const round = build();
					const start = performance.now();
					for (const q of round) await send(q);
					times.push(performance.now() - start);
				}
			})
		);
	} finally {
		await pool?.end();
	}
	return times.sort((a, b) => a - b);
}

/** The map's database-built GeoJSON statement (what a view the tile cache cannot answer costs). */
export function bareMapStatement(
	database: Database,
	consultationId: string,
	clients: number,
	total: number,
	postgresUrl?: string
): Promise<number[]> {
	return bareRounds(
		database,
		clients,
		total,
		() => [mapFeaturesQuery(database.db, consultationId, viewport()).compile()],
		postgresUrl
	);
}
