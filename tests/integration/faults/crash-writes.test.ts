// The short crash-consistency check (the long one with load, the import and PostgreSQL is
// `npm run soak`): the built app on embedded PGlite is killed with SIGKILL in the middle of a burst
// of anonymous map contributions; after a restart every acknowledged write is stored with its
// area rows and writing works again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import { seedDemoIfEmpty } from '../../../src/lib/server/demo';
import { startBuiltApp, type BuiltApp } from '../helpers/built-app';

const SLUG = 'marktplatz-altstadt';
const WRITERS = 8;

describe('kill -9 of the server during a burst of writes (built app, PGlite)', () => {
	let dataDir: string;
	let target: { points: number[][]; categoryId: string };
	const apps: BuiltApp[] = [];
	const env = () => ({
		DATA_DIR: dataDir,
		DATABASE_URL: '',
		SEED_DEMO: '0',
		ADDRESS_HEADER: 'x-forwarded-for',
		ANON_PROOF_OF_WORK: '0'
	});

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-crash-writes-'));
		const database = await openDatabase({ dataDir, lockRole: 'cli' });
		try {
			await migrate(database);
			await seedDemoIfEmpty(database);
			const c = await database.db
				.selectFrom('consultation')
				.select('id')
				.where('slug', '=', SLUG)
				.executeTakeFirstOrThrow();
			const category = await database.db
				.selectFrom('consultation_category')
				.select('id')
				.where('consultation_id', '=', c.id)
				.executeTakeFirstOrThrow();
			const rows = await database.db
				.selectFrom('contribution')
				.select('geometry')
				.where('consultation_id', '=', c.id)
				.where('geometry_type', '=', 'Point')
				.execute();
			target = {
				points: rows.map((r) => (r.geometry as unknown as { coordinates: number[] }).coordinates),
				categoryId: category.id
			};
		} finally {
			await database.close();
		}
	}, 180_000);

	afterAll(() => {
		for (const app of apps) app.process.kill('SIGKILL');
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	let n = 0;
	async function write(base: string): Promise<number | null> {
		const i = ++n;
		const r = await fetch(`${base}/beteiligung/${SLUG}/karte?/create`, {
			method: 'POST',
			headers: {
				origin: base,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'x-forwarded-for': `10.77.${(i >> 8) & 255}.${i & 255}`
			},
			body: new URLSearchParams({
				body: `Absturztest Nr. ${i}: Hier fehlt eine Bank.`,
				categoryId: target.categoryId,
				geometry: JSON.stringify({ type: 'Point', coordinates: target.points[i % target.points.length] })
			}),
			signal: AbortSignal.timeout(20_000)
		}).catch(() => null);
		if (!r) return null;
		const answer = (await r.json().catch(() => ({}))) as { type?: string };
		expect(r.status).toBeLessThan(500);
		return answer.type === 'success' ? i : null;
	}

	it('keeps every acknowledged write', async () => {
		const first = await startBuiltApp(env());
		apps.push(first);
		const acked = new Set<number>();
		let killed = false;
		const burst = Promise.all(
			Array.from({ length: WRITERS }, async () => {
				while (!killed) {
					const i = await write(first.base);
					if (i !== null) acked.add(i);
				}
			})
		);
		// Kill once writes are being acknowledged, in the middle of the burst.
		for (let t = 0; acked.size < 10 && t < 200; t++) await new Promise((r) => setTimeout(r, 100));
		first.process.kill('SIGKILL');
		await new Promise((r) => first.process.once('exit', r));
		killed = true;
		await burst;
		expect(acked.size).toBeGreaterThanOrEqual(10);

		// The stale lock of the killed process does not keep the restart out.
		const second = await startBuiltApp(env());
		apps.push(second);
		const after = await write(second.base);
		expect(after).not.toBeNull();
		acked.add(after!);
		const exited = new Promise((r) => second.process.once('exit', r));
		second.stop();
		await exited;

		const database = await openDatabase({ dataDir, lockRole: 'cli' });
		try {
			const rows = await database.db
				.selectFrom('contribution as c')
				.select([
					'c.body',
					(eb) =>
						eb
							.selectFrom('contribution_area as ca')
							.select((e) => e.fn.countAll<number>().as('n'))
							.whereRef('ca.contribution_id', '=', 'c.id')
							.as('areas')
				])
				.where('c.body', 'like', 'Absturztest Nr. %')
				.execute();
			const stored = new Set(rows.map((r) => Number(/Nr\. (\d+):/.exec(r.body)![1])));
			expect([...acked].filter((i) => !stored.has(i))).toEqual([]);
			expect(rows.filter((r) => Number(r.areas) === 0)).toEqual([]);
		} finally {
			await database.close();
		}
	}, 240_000);
});
