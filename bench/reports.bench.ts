// Reports: a report for 10 areas (Quartiere of the demo city) with 10,000 inputs (published map
// contributions assigned to those areas) composed from the database and written as DOCX, PDF and XLSX,
// on PGlite (in memory). Target (issue 12): under 10 s per report.
import type { Measurement } from './run';
import { openDatabase } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';
import { seedDemoIfEmpty } from '../src/lib/server/demo';
import { SYSTEM_ACTOR } from '../src/lib/server/core';
import { composeReport, renderReport } from '../src/lib/server/reports';

const INPUTS = Number(process.env.BENCH_REPORT_INPUTS ?? 10_000);

export default async function bench(): Promise<Measurement[]> {
	const database = await openDatabase({ inMemory: true, lockRole: 'none' });
	try {
		await migrate(database);
		await seedDemoIfEmpty(database);
		const { db } = database;
		const areas = await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select(['area.id', 'area.key'])
			.where('area_level.key', '=', 'quartier')
			.where('area.valid_to', 'is', null)
			.orderBy('area.key')
			.limit(10)
			.execute();
		const consultation = await db
			.selectFrom('consultation')
			.select('id')
			.where('status', '!=', 'draft')
			.executeTakeFirstOrThrow();
		await database.withRawClient(async (client) => {
			await client.query(
				`with c as (
				   insert into qk.contribution (consultation_id, body, area_keys, status, channel)
				   select $1::uuid, 'Bench-Hinweis Nummer ' || i || ': mehr Bänke und Schatten am Platz',
				     array[($2::text[])[(i % 10) + 1]], 'published',
				     case when i % 4 = 0 then 'paper' else 'online' end
				   from generate_series(1, $3) i
				   returning id, area_keys
				 )
				 insert into qk.contribution_area (contribution_id, area_id)
				 select c.id, a.id from c join qk.area a on a.key = c.area_keys[1] and a.valid_to is null
				   and a.level_id = (select id from qk.area_level where key = 'quartier')`,
				[consultation.id, areas.map((a) => a.key), INPUTS]
			);
			await client.exec('analyze');
		});
		const ctx = {
			db,
			actor: SYSTEM_ACTOR,
			now: new Date(),
			config: { smallCountK: 3, smallAreaPopulation: 1000 }
		};
		const selection = {
			title: 'Bench-Bericht',
			areaIds: areas.map((a) => a.id),
			indicatorKeys: [],
			consultationIds: [],
			themeIds: [],
			locale: 'de' as const
		};
		// warm-up (module loading, fonts)
		await renderReport(await composeReport(ctx, selection), 'pdf');
		const out: Measurement[] = [];
		for (const format of ['docx', 'pdf', 'xlsx'] as const) {
			const t0 = performance.now();
			const doc = await composeReport(ctx, selection);
			const file = await renderReport(doc, format);
			const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
			out.push({
				name: `report ${format}, ${areas.length} areas, ${INPUTS} inputs (PGlite)`,
				value: seconds,
				unit: 's',
				target: '< 10 s',
				met: seconds < 10,
				notes: `${Math.round(file.bytes.length / 1024)} KiB`
			});
		}
		return out;
	} finally {
		await database.close();
	}
}
