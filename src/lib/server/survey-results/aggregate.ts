// Survey results counted in the database: one statement GROUPs the answers (jsonb) of the filtered
// responses per question — counts per code, matrix cells, ranks, scale sums, the numbers and texts in
// response order — plus the responses per area and, when asked, the breakdown of one question by area
// (grouped by area, codes and value). The JS side only assembles (assembleResults) and protects
// (decideReach, protectBreakdown), so the view equals computeSurveyResults over loadSurveyData, which
// reads every response (still used by the exports, which need each response).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { decideReach, protectBreakdown } from '../../questionnaire/breakdown';
import { OTHER_CODE, type QuestionnaireDefinition } from '../../questionnaire/definition';
import {
	answerableQuestions,
	answerCodes,
	assembleResults,
	type AggregateRow,
	type ResultFilter
} from '../../questionnaire/results';
import type { SuppressionRules } from '../../stats/suppression';
import { listAreaLevels, listAreas } from '../areas/queries';
import type { DB } from '../db/types';
import { canBreakDown, descendantsOf, type SurveyResultsView } from './compute';
import { firstAreaQuestion, type SurveyArea, type SurveyData } from './data';

/** The areas and levels the results page needs, without the responses. */
export type SurveyFrame = Omit<SurveyData, 'responses'>;

export async function loadSurveyFrame(
	db: Kysely<DB>,
	definition: QuestionnaireDefinition
): Promise<SurveyFrame> {
	const [areaRows, levelRows] = await Promise.all([listAreas(db), listAreaLevels(db)]);
	const areas: SurveyArea[] = areaRows.map((a) => ({
		id: a.id,
		parentId: a.parentId,
		population: a.population,
		level: a.levelKey,
		levelName: a.levelName,
		rank: a.rank,
		key: a.key,
		name: a.name
	}));
	return {
		areas,
		levels: levelRows.map((l) => ({ key: l.key, name: l.name, rank: l.rank })),
		areaQuestion: firstAreaQuestion(definition)
	};
}

/** The code(s) of the answer `v` of a question of type `type`, as a jsonb array (codesOf in SQL). */
const codesSql = (v: RawBuilder<unknown>, type: string) => {
	switch (type) {
		case 'single_choice':
			return sql`jsonb_build_array(${v} ->> 'choice')`;
		case 'multiple_choice':
			return sql`coalesce(${v} -> 'choices', '[]'::jsonb)`;
		case 'yes_no':
			return sql`jsonb_build_array(case when ${v} -> 'yes' = 'true'::jsonb then 'yes' else 'no' end)`;
		case 'scale':
			return sql`case when jsonb_typeof(${v} -> 'value') = 'number' then jsonb_build_array(${v} ->> 'value') else '[]'::jsonb end`;
		case 'area':
			return sql`jsonb_build_array(${v} ->> 'areaId')`;
		default:
			return sql`'[]'::jsonb`;
	}
};

/** The filter as a WHERE clause over qk.survey_response r (matchesFilter in SQL). */
function filterSql(
	filter: ResultFilter,
	areaQuestion: string | null,
	descendants: (id: string) => ReadonlySet<string>
) {
	const parts: RawBuilder<unknown>[] = [];
	if (filter.channel) parts.push(sql`r.channel = ${filter.channel}`);
	if (filter.from) parts.push(sql`r.answered_on >= ${filter.from}::date`);
	if (filter.to) parts.push(sql`r.answered_on <= ${filter.to}::date`);
	if (filter.areaId) {
		const ids = [...descendants(filter.areaId)];
		parts.push(
			areaQuestion
				? sql`r.answers -> ${areaQuestion} ->> 'type' = 'area' and r.answers -> ${areaQuestion} ->> 'areaId' = any(${ids}::text[])`
				: sql`false`
		);
	}
	if (filter.answer) {
		// codesOf reads the answer by its own type, whatever the question
		const v = sql`r.answers -> ${filter.answer.question}`;
		const code = filter.answer.code;
		parts.push(sql`case ${v} ->> 'type'
			${sql.join(
				['single_choice', 'multiple_choice', 'yes_no', 'scale', 'area'].map(
					(t) => sql`when ${t} then ${codesSql(v, t)} @> jsonb_build_array(${code}::text)`
				),
				sql` `
			)}
			else false end`);
	}
	return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

export interface AggregateOptions {
	filter?: ResultFilter;
	rules: SuppressionRules;
	breakdown?: { question: string; level: string };
}

/** The organiser's results view (as computeSurveyResults), counted in the database. */
export async function aggregateSurveyResults(
	db: Kysely<DB>,
	surveyId: string,
	definition: QuestionnaireDefinition,
	options: AggregateOptions,
	frame?: SurveyFrame
): Promise<Omit<SurveyResultsView, 'mapAnswers'> & { frame: SurveyFrame }> {
	const f = frame ?? (await loadSurveyFrame(db, definition));
	const descendants = descendantsOf(f.areas);
	const questions = answerableQuestions(definition);
	const qs = JSON.stringify(questions.map((q, i) => ({ i, key: q.key, type: q.type })));
	const where = filterSql(options.filter ?? {}, f.areaQuestion, descendants);
	const aq = f.areaQuestion;
	const bq = options.breakdown
		? questions.find((x) => x.key === options.breakdown!.question && canBreakDown(x))
		: undefined;
	const leaf = aq
		? sql`case when r.answers -> ${aq} ->> 'type' = 'area' then r.answers -> ${aq} ->> 'areaId' end`
		: sql`null::text`;
	const result = await sql<AggregateRow>`
		with q as (select * from jsonb_to_recordset(${qs}::jsonb) as q (i int, key text, type text)),
		r as materialized (
			select r.id, r.answered_on, r.answers, ${leaf} as leaf from qk.survey_response r
			where r.survey_id = ${surveyId} and r.complete ${where}
		),
		-- each response's answers read once (jsonb_each), not once per question
		a as materialized (
			select r.id, r.answered_on, r.leaf, q.i, q.type, e.value as v
			from r cross join lateral jsonb_each(r.answers) as e join q on q.key = e.key
			where e.value ->> 'type' = q.type or (q.type = 'long_text' and e.value ->> 'type' = 'short_text')
		)
		select 'total' as kind, -1 as i, null::text as code, null::text as sub, count(*)::int as n,
			null::float8 as num, null::int as first, null::jsonb as list from r
		union all
		select 'n', i, null, null, count(*)::int, null, null, null from a group by i
		union all
		select 'tally', i,
			case type
				when 'single_choice' then v ->> 'choice'
				when 'yes_no' then case when v -> 'yes' = 'true'::jsonb then 'yes' else 'no' end
				when 'area' then v ->> 'areaId'
				else v ->> 'value' end,
			null, count(*)::int, null, null, null
		from a
		where type in ('single_choice', 'yes_no', 'area') or (type = 'scale' and jsonb_typeof(v -> 'value') = 'number')
		group by 1, 2, 3
		union all
		select 'tally', a.i, c.x, null, count(*)::int, null, null, null
		from a cross join lateral (select distinct x from jsonb_array_elements_text(a.v -> 'choices') as x) c
		where a.type = 'multiple_choice'
		group by a.i, c.x
		union all
		select 'scale', i, null, null,
			(count(*) filter (where jsonb_typeof(v -> 'value') <> 'number' or v -> 'value' is null))::int,
			coalesce(sum((v ->> 'value')::numeric) filter (where jsonb_typeof(v -> 'value') = 'number'), 0)::float8,
			null, null
		from a where type = 'scale' group by i
		union all
		select 'matrix', a.i, m.key, m.value, count(*)::int, null, null, null
		from a cross join lateral jsonb_each_text(a.v -> 'rows') as m
		where a.type = 'matrix'
		group by a.i, m.key, m.value
		union all
		select 'rank', a.i, o.code, null, count(*)::int, sum(o.pos)::float8, (count(*) filter (where o.pos = 1))::int, null
		from a cross join lateral jsonb_array_elements_text(a.v -> 'order') with ordinality as o (code, pos)
		where a.type = 'ranking'
		group by a.i, o.code
		union all
		select 'numbers', i, null, null, count(*)::int, null, null, jsonb_agg(v -> 'number' order by answered_on, id)
		from a where type = 'number' group by i
		union all
		select 'texts', i, null, null, count(*)::int, null, null, jsonb_agg(v -> 'text' order by answered_on, id)
		from a where type in ('short_text', 'long_text') group by i
		union all
		select 'other', i, null, null, count(*)::int, null, null, jsonb_agg(v -> 'other' order by answered_on, id)
		from a
		where ((type = 'single_choice' and v ->> 'choice' = ${OTHER_CODE})
				or (type = 'multiple_choice' and v -> 'choices' @> jsonb_build_array(${OTHER_CODE}::text)))
			and coalesce(v ->> 'other', '') <> ''
		group by i
		union all
		select 'dates', i, min(v ->> 'date' collate "C"), max(v ->> 'date' collate "C"), count(*)::int, null, null, null
		from a where type = 'date' group by i
		union all
		select 'map', i, null, null, count(*)::int, coalesce(sum(jsonb_array_length(v -> 'geometries')), 0)::float8, null, null
		from a where type = 'map' group by i
		union all
		select 'area', -1, leaf, null, count(*)::int, null, null, null from r where leaf is not null group by leaf
		${
			bq
				? sql`union all
		select 'breakdown', -1, leaf, null, count(*)::int, value, null, codes
		from (
			select leaf, ${codesSql(sql`v`, bq.type)} as codes,
				${bq.type === 'scale' ? sql`case when jsonb_typeof(v -> 'value') = 'number' then (v ->> 'value')::float8 end` : sql`null::float8`} as value
			from a where i = ${questions.indexOf(bq)}
		) x
		group by leaf, codes, value`
				: sql``
		}`.execute(db);

	const rows = result.rows;
	const total = rows.find((r) => r.kind === 'total')?.n ?? 0;
	const results = assembleResults(definition, total, rows, (level) =>
		f.areas.filter((a) => a.level === level).map((a) => a.id)
	);
	const counts = new Map<string, number>();
	for (const r of rows) if (r.kind === 'area' && r.code) counts.set(r.code, r.n);
	const { hidden, reach } = decideReach(f.areas, counts, options.rules);
	const byId = new Map(f.areas.map((a) => [a.id, a]));
	const reachRows = reach.map((r) => {
		const a = byId.get(r.areaId)!;
		return { ...r, key: a.key, name: a.name, level: a.level };
	});
	let breakdown: SurveyResultsView['breakdown'] = null;
	if (bq && options.breakdown)
		breakdown = {
			question: bq.key,
			level: options.breakdown.level,
			...protectBreakdown({
				areas: f.areas,
				hiddenAreas: hidden,
				codes: answerCodes(bq),
				answers: rows
					.filter((r) => r.kind === 'breakdown')
					.map((r) => ({
						areaId: r.code,
						codes: ((r.list ?? []) as unknown[]).map(String),
						value: r.num,
						count: r.n
					})),
				sumsToRow: bq.type !== 'multiple_choice',
				withMean: bq.type === 'scale',
				rules: options.rules,
				level: options.breakdown.level
			})
		};
	// the per-question counting only: the map of map answers is read by computeSurveyResults
	return { results, reach: reachRows, breakdown, frame: f };
}
