// Reports: a report for 10 areas (Quartiere of the demo city) with 10,000 inputs mixed across modules
// (7 in 10 map contributions, 3 in 10 ideas; a third of them tagged with three themes the report
// selects) on PGlite (in memory) and on PostgreSQL (a throw-away database when TEST_DATABASE_URL is
// set, as `npm run bench` does). Timed on the planner's path: a saved definition run as download
// (runReportDefinition, with a previous run so "what changed since" is built) per format, and the
// preview. Target (issue 12): under 10 s per report.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Measurement } from './run';
import { openDatabase, type Database } from '../src/lib/server/db/connection';
import { migrate } from '../src/lib/server/db/migrate';
import { seedDemoIfEmpty } from '../src/lib/server/demo';
import { SYSTEM_ACTOR } from '../src/lib/server/core';
import {
	composeReport,
	previewDefinition,
	renderReport,
	ReportDefinitionInput,
	runReportDefinition,
	saveReportDefinition
} from '../src/lib/server/reports';

const INPUTS = Number(process.env.BENCH_REPORT_INPUTS ?? 10_000);

async function run(kind: 'PGlite' | 'PostgreSQL', database: Database): Promise<Measurement[]> {
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
		const ideaCount = Math.round(INPUTS * 0.3);
		const contributionCount = INPUTS - ideaCount;
		const themes = await db
			.insertInto('theme')
			.values(
				['Schatten', 'Verkehr', 'Spielplatz'].map((name) => ({ name, consultation_id: consultation.id }))
			)
			.returning('id')
			.execute();
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
				[consultation.id, areas.map((a) => a.key), contributionCount]
			);
			await client.query(
				`with i as (
				   insert into qk.idea (consultation_id, title, body, status)
				   select $1::uuid, 'Bench-Idee ' || n, 'Ein Trinkbrunnen und mehr Bäume, Vorschlag ' || n, 'published'
				   from generate_series(1, $3) n
				   returning id, title
				 )
				 insert into qk.idea_area (idea_id, area_id)
				 select i.id, ($2::uuid[])[(substring(i.title from '[0-9]+$')::int % 10) + 1] from i`,
				[consultation.id, areas.map((a) => a.id), ideaCount]
			);
			// a third of the inputs tagged, spread over the three themes
			await client.query(
				`insert into qk.theme_tag (theme_id, consultation_id, item_type, item_id)
				 select ($2::uuid[])[(row_number() over () % 3) + 1], $1::uuid, x.item_type, x.id::text
				 from (
				   select 'contribution' as item_type, id from qk.contribution where body like 'Bench-Hinweis%'
				   union all select 'idea', id from qk.idea where title like 'Bench-Idee%'
				 ) x
				 where abs(hashtext(x.id::text)) % 3 = 0`,
				[consultation.id, themes.map((t) => t.id)]
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
			consultationIds: [consultation.id],
			themeIds: themes.map((t) => t.id),
			locale: 'de' as const
		};
		// warm-up (module loading, fonts)
		await renderReport(await composeReport(ctx, selection), 'pdf');
		const saved = await saveReportDefinition(
			ctx,
			ReportDefinitionInput.parse({ ...selection, language: 'de' })
		);
		if (!saved.ok) throw new Error(`saving the definition failed: ${saved.code}`);
		// a first run, then new input: every timed run below has a previous run to compare with
		const first = await runReportDefinition(ctx, saved.value.id, 'xlsx');
		if (!first.ok) throw new Error(`first run failed: ${first.code}`);
		await database.withRawClient(async (client) => {
			await client.query(
				`with c as (
				   insert into qk.contribution (consultation_id, body, area_keys, status, channel)
				   select $1::uuid, 'Neuer Hinweis ' || i, array[$2::text], 'published', 'online'
				   from generate_series(1, 50) i returning id
				 )
				 insert into qk.contribution_area (contribution_id, area_id) select c.id, $3::uuid from c`,
				[consultation.id, areas[0].key, areas[0].id]
			);
		});
		const out: Measurement[] = [];
		const label = `${areas.length} areas, ${INPUTS} inputs (${contributionCount} contributions, ${ideaCount} ideas, ${themes.length} themes), ${kind}`;
		for (const format of ['docx', 'pdf', 'xlsx'] as const) {
			const t0 = performance.now();
			const file = await runReportDefinition(ctx, saved.value.id, format);
			const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
			if (!file.ok) throw new Error(`run failed: ${file.code}`);
			out.push({
				name: `report download ${format} (saved definition, previous run), ${label}`,
				value: seconds,
				unit: 's',
				target: '< 10 s',
				met: seconds < 10,
				notes: `${Math.round(file.value.bytes.length / 1024)} KiB`
			});
		}
		const t0 = performance.now();
		const preview = await previewDefinition(ctx, saved.value.id);
		const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
		out.push({
			name: `report preview (saved definition, previous run), ${label}`,
			value: seconds,
			unit: 's',
			target: '< 10 s',
			met: seconds < 10,
			notes: `${preview?.blocks.length ?? 0} blocks`
		});
		return out;
	} finally {
		await database.close();
	}
}

export default async function bench(): Promise<Measurement[]> {
	const out = await run('PGlite', await openDatabase({ inMemory: true, lockRole: 'none' }));
	const url = process.env.TEST_DATABASE_URL;
	if (!url) return out;
	const name = `qk_bench_reports_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
		const target = new URL(url);
		target.pathname = `/${name}`;
		out.push(...(await run('PostgreSQL', await openDatabase({ databaseUrl: target.toString() }))));
	} finally {
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
	return out;
}
