// Planner workspace (issue 12): the free-text answers (short and long text questions) of complete
// responses from respondents of an area — only of surveys whose results the viewer may read
// (filter.readableConsultationIds, decided by surveys.results on the server), and only where at least k
// respondents of that survey come from the area (the small-number rule: a text of one of two people
// is not shown). Nothing links a text to a person or to the other answers of the same response: no
// response id leaves this function (the item id is a one-way hash of response and question), no
// account, no exact time — only the day of the answer. Newest first; German full-text search;
// channel online / analog (paper, interview, phone and workshop answers entered by staff).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { ParticipationHooks } from '../participation/component';

export const SURVEY_TEXT_ITEM = 'survey_text';
const TEXT_TYPES = ['short_text', 'long_text'];

interface TextRow {
	response_id: string;
	question_key: string;
	text: string;
	question: string | null;
	answered_on: string;
	channel: string;
	survey_id: string;
	survey_title: string;
	slug: string;
	consultation_title: string;
	total: number | string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A stable key for the page that gives nothing back: texts of one response do not share it. */
const opaqueId = (responseId: string, questionKey: string) =>
	createHash('sha256').update(`${responseId}\u0000${questionKey}`).digest('hex').slice(0, 32);

export const surveyTextPlannerInput: NonNullable<ParticipationHooks['plannerInput']> = async (
	db,
	areaId,
	filter
) => {
	const readable = [...(filter.readableConsultationIds ?? [])];
	if (readable.length === 0) return { entries: [], total: 0 };
	if (filter.consultationId && !readable.includes(filter.consultationId)) return { entries: [], total: 0 };
	const k = Math.max(1, filter.minCount ?? 3);
	const consultations = filter.consultationId ? [filter.consultationId] : readable;
	const channel =
		filter.channel === 'online'
			? sql`and r.channel = 'online'`
			: filter.channel === 'analog'
				? sql`and r.channel <> 'online'`
				: sql``;
	const from = filter.from ? sql`and r.answered_on >= ${day(filter.from)}::date` : sql``;
	const to = filter.to ? sql`and r.answered_on < ${day(filter.to)}::date` : sql``;
	const search = filter.q
		? sql`and to_tsvector('german', e.value ->> 'text') @@ plainto_tsquery('german', ${filter.q})`
		: sql``;
	const { rows } = await sql<TextRow>`
		with surveys as (
			select s.id, s.title, s.questionnaire_id, k.slug, k.title as consultation_title
			from qk.survey s join qk.consultation k on k.id = s.consultation_id
			where s.consultation_id = any(${consultations}::uuid[])
				and (select count(distinct a.response_id) from qk.survey_response_area a
					join qk.survey_response r on r.id = a.response_id
					where r.survey_id = s.id and r.complete and a.area_id = ${areaId}) >= ${k}
		)
		select r.id as response_id, e.key as question_key, e.value ->> 'text' as text,
			(select x -> 'text' ->> 'de' from qk.questionnaire qn,
				jsonb_array_elements(qn.definition -> 'questions') x
				where qn.id = s.questionnaire_id and x ->> 'key' = e.key limit 1) as question,
			r.answered_on::text as answered_on, r.channel, s.id as survey_id, s.title as survey_title, s.slug, s.consultation_title,
			count(*) over () as total
		from surveys s
		join qk.survey_response r on r.survey_id = s.id and r.complete
		cross join lateral jsonb_each(r.answers) e
		where exists (select 1 from qk.survey_response_area a where a.response_id = r.id and a.area_id = ${areaId})
			and jsonb_typeof(e.value) = 'object'
			and e.value ->> 'type' = any(${TEXT_TYPES}::text[])
			and btrim(coalesce(e.value ->> 'text', '')) <> ''
			${channel} ${from} ${to} ${search}
		order by r.answered_on desc, md5(r.id::text || e.key)
		limit ${filter.limit}`.execute(db as Kysely<DB>);
	return {
		entries: rows.map((r) => ({
			itemType: SURVEY_TEXT_ITEM,
			itemId: opaqueId(r.response_id, r.question_key),
			kindKey: 'planning.kind.surveyText',
			title: r.survey_title,
			text: r.text,
			category: null,
			channel: r.channel === 'online' ? ('online' as const) : ('analog' as const),
			consultationTitle: r.consultation_title,
			createdAt: new Date(`${r.answered_on.slice(0, 10)}T12:00:00Z`),
			statusKey: null,
			path: `/beteiligung/${r.slug}/befragung/${r.survey_id}/ergebnisse?bereich=${areaId}`,
			detail: r.question
		})),
		total: Number(rows[0]?.total ?? 0)
	};
};
