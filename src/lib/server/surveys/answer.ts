// Answering a survey: who may start (access mode, gate, one-time code, one per account/browser), saving
// page by page, resuming, completing. Respondents' steps write no audit row: for anonymous surveys an
// audit row (who, when) is exactly what anonymity forbids; non-anonymous completions are audited.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { cityDay } from '../../format/dates';
import {
	parseAnswerForm,
	pruneHidden,
	validateAnswers,
	visiblePages,
	type AnswerError,
	type Answers,
	type FormLike,
	type QuestionPage
} from '../../questionnaire';
import { areasTouching, listAreas } from '../areas';
import type { ContributionGeometry } from '../../geo/area-assignment';
import { can } from '../auth/permissions';
import { consultationRef, isOpen, isPublic, type ConsultationRef } from '../consultations/ref';
import { actorUserId, writeAudit, type CommandContext, type Needs, type Result } from '../core';
import type { DB } from '../db/types';
import { admitParticipation, type GateError } from '../participation/gate';
import { codeHash } from './manage';
import { getSurvey, surveyIsOpen, type SurveyRow } from './queries';

export interface RespondentSurvey {
	survey: SurveyRow;
	consultation: ConsultationRef;
	/** The actor manages the survey (may preview a draft). */
	canManage: boolean;
}

/** The survey of this consultation as a respondent sees it; drafts only for its managers. */
export async function loadSurveyForRespondent(
	ctx: CommandContext,
	slug: string,
	surveyId: string
): Promise<RespondentSurvey | null> {
	const survey = await getSurvey(ctx.db, surveyId);
	if (!survey) return null;
	const consultation = await consultationRef(ctx, { id: survey.consultationId });
	if (!consultation || consultation.slug !== slug) return null;
	const canManage = !!ctx.actor && can(ctx.actor, 'surveys.manage', consultation.subject);
	if (
		!canManage &&
		(!isPublic(consultation) || !consultation.modules.includes('surveys') || survey.status === 'draft')
	)
		return null;
	return { survey, consultation, canManage };
}

/** What the browser holds (cookies): the resume token of its response, its browser token. */
export interface Respondent {
	resumeToken?: string | null;
	browserToken?: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(24).toString('base64url');

/** A browser token signed with the server secret ('anyone' mode: one answer per browser, weak). */
export function signBrowserToken(secret: string, token: string): string {
	return `${token}.${createHmac('sha256', secret).update(`survey-browser:${token}`).digest('base64url')}`;
}

/** The token of a signed cookie value, or null when the signature does not match. */
export function verifyBrowserToken(secret: string, signed: string | null | undefined): string | null {
	if (!signed) return null;
	const dot = signed.lastIndexOf('.');
	if (dot <= 0) return null;
	const token = signed.slice(0, dot);
	const expected = Buffer.from(signBrowserToken(secret, token));
	const given = Buffer.from(signed);
	return expected.length === given.length && timingSafeEqual(expected, given) ? token : null;
}

function marker(secret: string, survey: SurveyRow, kind: 'account' | 'browser', id: string): string {
	return createHmac('sha256', secret).update(`survey-participant:${survey.id}:${kind}:${id}`).digest('hex');
}

/** The marker of this respondent (account or browser), where the access mode limits to one answer. */
function respondentMarker(
	secret: string,
	survey: SurveyRow,
	actorId: string | null,
	who: Respondent
): string | null {
	if (survey.accessMode === 'account') return actorId ? marker(secret, survey, 'account', actorId) : null;
	if (survey.accessMode === 'anyone')
		return who.browserToken ? marker(secret, survey, 'browser', who.browserToken) : null;
	return null;
}

export interface ResponseState {
	id: string;
	answers: Answers;
	page: number;
	complete: boolean;
}

export type ParticipationState =
	| { state: 'in_progress'; response: ResponseState }
	| { state: 'answered'; response: ResponseState | null }
	| { state: 'new' };

async function findResponse(
	db: Kysely<DB>,
	survey: SurveyRow,
	actorId: string | null,
	who: Respondent,
	areaIds?: RawBuilder<string[]>
): Promise<(ResponseState & { state: string; areaIds?: string[] }) | null> {
	let q = db
		.selectFrom('survey_response')
		.select(['id', 'answers', 'page', 'complete', sql<string>`md5(answers::text)`.as('state')])
		.$if(!!areaIds, (qb) => qb.select(areaIds!.as('area_ids')))
		.where('survey_id', '=', survey.id)
		.where('channel', '=', 'online');
	if (who.resumeToken) q = q.where('resume_hash', '=', hashToken(who.resumeToken));
	else if (!survey.anonymous && actorId) q = q.where('user_id', '=', actorId);
	else return null;
	const row = (await q.executeTakeFirst()) as
		| { id: string; answers: unknown; page: number; complete: boolean; state: string; area_ids?: string[] }
		| undefined;
	return row
		? {
				id: row.id,
				answers: (row.answers ?? {}) as Answers,
				page: row.page,
				complete: row.complete,
				state: row.state,
				areaIds: row.area_ids?.map(String)
			}
		: null;
}

/** Where this respondent stands: answering (with the response), done, or not started. */
export async function participationState(
	ctx: CommandContext & Needs<'secret'>,
	survey: SurveyRow,
	who: Respondent
): Promise<ParticipationState> {
	const actorId = actorUserId(ctx.actor);
	const response =
		(await findResponse(ctx.db, survey, actorId, who)) ??
		(who.resumeToken && !survey.anonymous && actorId
			? await findResponse(ctx.db, survey, actorId, {})
			: null);
	if (response && !response.complete) return { state: 'in_progress', response };
	if (response) return { state: 'answered', response };
	const m = respondentMarker(ctx.secret, survey, actorId, who);
	if (m) {
		const seen = await ctx.db
			.selectFrom('survey_participant')
			.select('marker_hash')
			.where('survey_id', '=', survey.id)
			.where('marker_hash', '=', m)
			.executeTakeFirst();
		if (seen) return { state: 'answered', response: null };
	}
	return { state: 'new' };
}

export type StartError =
	GateError | 'survey_closed' | 'already_answered' | 'code_invalid' | 'browser_token_missing';

/**
 * Starts a response: checks the survey is open and the gate (consultation open, rate limit, block),
 * then — in one transaction — uses the one-time code (atomic: a code counts once, however many use
 * it at the same moment) or sets the account/browser marker, and creates the response. Returns the
 * resume token (for the cookie and the resume link).
 */
export async function startResponse(
	ctx: CommandContext & Needs<'secret' | 'clientAddress'>,
	found: RespondentSurvey,
	who: Respondent,
	input: { code?: string; proof?: { powChallenge?: string; powNonce?: string } } = {}
): Promise<Result<{ responseId: string; resumeToken: string }, StartError>> {
	const { survey, consultation } = found;
	if (!surveyIsOpen(survey, ctx.now) || !isOpen(consultation, ctx.now))
		return { ok: false, code: 'survey_closed' };
	if (survey.accessMode === 'account' && !ctx.actor) return { ok: false, code: 'login_required' };
	if (survey.accessMode === 'anyone' && !who.browserToken)
		return { ok: false, code: 'browser_token_missing' };
	// The survey's access mode decides who may answer; the consultation's anonymous-posting switch is
	// about public contributions and does not apply here.
	const admitted = await admitParticipation(
		ctx,
		{ ...consultation, allowAnonymous: survey.accessMode !== 'account' },
		{ module: 'surveys', verb: 'contribute', bucket: 'surveys', proof: input.proof }
	);
	if (!admitted.ok) return { ok: false, code: admitted.code };
	const actorId = actorUserId(ctx.actor);
	const resumeToken = newToken();
	// One statement (one transaction, one round trip): use the one-time code (atomic: a code counts
	// once, however many use it at the same moment), set the account/browser marker, create the
	// response — each step only when the one before it succeeded.
	const code = survey.accessMode === 'code' ? codeHash(ctx.secret, survey.id, input.code ?? '') : null;
	const m = respondentMarker(ctx.secret, survey, actorId, who);
	const result = await sql<{ code_ok: boolean; marker_ok: boolean; id: string | null }>`
		with c as (
			update qk.survey_code set used = true
			where ${code !== null} and survey_id = ${survey.id} and code_hash = ${code ?? ''} and not used
			returning 1
		), p as (
			insert into qk.survey_participant (survey_id, marker_hash)
			select ${survey.id}::uuid, ${m ?? ''}
			where ${m !== null} and (${code === null} or exists (select 1 from c))
			on conflict do nothing
			returning 1
		), r as (
			insert into qk.survey_response (survey_id, channel, answered_on, user_id, resume_hash)
			select ${survey.id}::uuid, 'online', ${cityDay(ctx.now)}::date, ${survey.anonymous ? null : actorId}::uuid,
				${hashToken(resumeToken)}
			where (${code === null} or exists (select 1 from c)) and (${m === null} or exists (select 1 from p))
			on conflict do nothing
			returning id
		)
		select ${code === null} or exists (select 1 from c) as code_ok,
			${m === null} or exists (select 1 from p) as marker_ok,
			(select id from r) as id`.execute(ctx.db);
	const row = result.rows[0];
	if (!row.code_ok) return { ok: false, code: 'code_invalid' };
	if (!row.marker_ok || !row.id) return { ok: false, code: 'already_answered' };
	return { ok: true, value: { responseId: row.id, resumeToken } };
}

/** Area ids an answer of this survey may name: current areas of each level its questions use. */
export async function answerableAreas(
	db: Kysely<DB>,
	survey: SurveyRow
): Promise<{
	ids: Set<string>;
	byLevel: Map<string, { id: string; name: string; parentId: string | null }[]>;
	all: { id: string; name: string }[];
}> {
	const levels = new Set<string>();
	let anyMap = false;
	for (const q of survey.definition.questions) {
		if (q.type === 'area') levels.add(q.level);
		if (q.type === 'map') anyMap = true;
	}
	const byLevel = new Map<string, { id: string; name: string; parentId: string | null }[]>();
	if (levels.size === 0 && !anyMap) return { ids: new Set(), byLevel, all: [] };
	const areas = await listAreas(db);
	for (const level of levels)
		byLevel.set(
			level,
			areas
				.filter((a) => a.levelKey === level)
				.map((a) => ({ id: a.id, name: a.name, parentId: a.parentId }))
				.sort((x, y) => x.name.localeCompare(y.name, 'de'))
		);
	const ids = new Set<string>(
		anyMap ? areas.map((a) => a.id) : [...byLevel.values()].flat().map((a) => a.id)
	);
	return { ids, byLevel, all: areas.map((a) => ({ id: a.id, name: a.name })) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The seeds of a response's areas: per area/map question, the area picked and the areas a drawn
 * geometry touches (geometry in JS, as contributions do; only where a map answer has geometries).
 * survey_response_area holds each seed with every area above it (see responseAreasSql).
 */
async function areaSeeds(
	db: Kysely<DB>,
	survey: SurveyRow,
	answers: Answers
): Promise<{ keys: string[]; ids: string[] }> {
	const keys: string[] = [];
	const ids: string[] = [];
	const add = (key: string, id: string) => {
		if (!UUID.test(id)) return;
		keys.push(key);
		ids.push(id);
	};
	for (const q of survey.definition.questions) {
		const a = answers[q.key];
		if (a?.type === 'area') add(q.key, a.areaId);
		if (a?.type === 'map') {
			if (a.areaId) add(q.key, a.areaId);
			for (const g of a.geometries)
				for (const x of await areasTouching(db, g as ContributionGeometry)) add(q.key, x.id);
		}
	}
	return { keys, ids };
}

/** The recursive CTEs `seed` and `up` (question key, area id, every area above it) of these seeds. */
const responseAreasSql = (seeds: { keys: string[]; ids: string[] }) => sql`
	seed (question_key, area_id) as (select * from unnest(${seeds.keys}::text[], ${seeds.ids}::uuid[])),
	up (question_key, id, parent_id, depth) as (
		select s.question_key, a.id, a.parent_id, 0
		from seed s join qk.area a on a.id = s.area_id and a.valid_to is null
		union all
		select up.question_key, p.id, p.parent_id, up.depth + 1
		from up join qk.area p on p.id = up.parent_id where up.depth < 32
	)`;

/** Rewrites the areas (every level) of a response's area and map answers in survey_response_area. */
export async function writeResponseAreas(
	trx: Transaction<DB>,
	survey: SurveyRow,
	responseId: string,
	answers: Answers
) {
	await trx.deleteFrom('survey_response_area').where('response_id', '=', responseId).execute();
	const seeds = await areaSeeds(trx, survey, answers);
	if (seeds.ids.length)
		await sql`
			with recursive ${responseAreasSql(seeds)}
			insert into qk.survey_response_area (response_id, question_key, area_id)
			select distinct ${responseId}::uuid, question_key, id from up
			on conflict do nothing`.execute(trx);
}

/**
 * The area ids a form names (parsed over every question), to check in the same query that reads the
 * response: the current areas of the levels the survey's area questions use (any area for maps).
 */
function namedAreaIds(survey: SurveyRow, form: FormLike): string[] {
	const questions = survey.definition.questions.filter((q) => q.type === 'area' || q.type === 'map');
	if (!questions.length) return [];
	const ids = new Set<string>();
	for (const a of Object.values(parseAnswerForm(questions, form).answers))
		if ((a.type === 'area' || a.type === 'map') && a.areaId && UUID.test(a.areaId)) ids.add(a.areaId);
	return [...ids];
}

function answerableAreaSql(survey: SurveyRow, ids: string[]) {
	const levels = [
		...new Set(survey.definition.questions.flatMap((q) => (q.type === 'area' ? [q.level] : [])))
	];
	const anyMap = survey.definition.questions.some((q) => q.type === 'map');
	return sql<string[]>`array(
		select a.id::text from qk.area a join qk.area_level l on l.id = a.level_id
		where a.id = any(${ids}::uuid[]) and a.valid_to is null and (${anyMap} or l.key = any(${levels}::text[])))`;
}

export interface PageInput {
	/** index into the visible pages when the page was shown */
	page: number;
	/** 'next' validates and goes on (completes on the last page); 'back' keeps valid answers, goes back */
	direction: 'next' | 'back';
	form: FormLike;
}

export type SaveOutcome = { kind: 'page'; page: number } | { kind: 'complete' };

export type SaveError = 'not_found' | 'survey_closed' | 'already_complete' | 'invalid';

export interface SaveFailure {
	ok: false;
	code: SaveError;
	errors?: Record<string, AnswerError>;
	/** the answers to show again (stored merged with what was just sent) */
	answers?: Answers;
	raw?: Record<string, string>;
}

/**
 * Saves one page of the respondent's response and says where to go next. Two round trips: one read
 * (the response and which of the named areas may be answered), one write that changes the row only
 * if nobody saved it in between (compare-and-set on its state; on a concurrent save it reads again).
 * Completion writes the answers and the areas of the area and map answers in that one statement.
 */
export async function saveResponsePage(
	ctx: CommandContext,
	found: RespondentSurvey,
	who: Respondent,
	input: PageInput
): Promise<{ ok: true; value: SaveOutcome } | SaveFailure> {
	const { survey } = found;
	if (!surveyIsOpen(survey, ctx.now)) return { ok: false, code: 'survey_closed' };
	const actorId = actorUserId(ctx.actor);
	const namedAreas = namedAreaIds(survey, input.form);
	const areaCheck = namedAreas.length ? answerableAreaSql(survey, namedAreas) : undefined;
	for (let attempt = 0; attempt < 5; attempt++) {
		const response = await findResponse(ctx.db, survey, actorId, who, areaCheck);
		if (!response) return { ok: false, code: 'not_found' };
		if (response.complete) return { ok: false, code: 'already_complete' };
		const areas = { ids: new Set(response.areaIds ?? []) };
		const before = visiblePages(survey.definition, response.answers, survey.layout);
		const page: QuestionPage | undefined = before[input.page];
		if (!page) return { ok: false, code: 'not_found' };
		const parsed = parseAnswerForm(page.questions, input.form);
		const merged: Answers = { ...response.answers };
		for (const q of page.questions) delete merged[q.key];
		Object.assign(merged, parsed.answers);
		const after = visiblePages(survey.definition, merged, survey.layout);
		const samePage = after[input.page];
		const shownKeys = new Set(page.questions.map((q) => q.key));
		const errors = {
			...validateAnswers(samePage?.questions.filter((q) => shownKeys.has(q.key)) ?? [], merged, {
				areaIds: areas.ids
			}),
			...parsed.errors
		};
		if (input.direction === 'back') {
			for (const key of Object.keys(errors)) delete merged[key];
		} else if (Object.keys(errors).length) {
			return { ok: false, code: 'invalid', errors, answers: merged, raw: parsed.raw };
		}
		// A question on this page that the answers just revealed (no JavaScript to show it earlier):
		// stay on the page so it can be answered.
		const revealed = samePage?.questions.some((q) => !shownKeys.has(q.key)) ?? false;
		let next: SaveOutcome;
		if (input.direction === 'back') next = { kind: 'page', page: Math.max(0, input.page - 1) };
		else if (revealed) next = { kind: 'page', page: input.page };
		else if (input.page + 1 >= after.length) next = { kind: 'complete' };
		else next = { kind: 'page', page: input.page + 1 };
		const today = cityDay(ctx.now);
		// the row as it was read: the write applies only to that state
		const unchanged = sql<boolean>`id = ${response.id} and not complete and page = ${response.page}
			and md5(answers::text) = ${response.state}`;
		let written: boolean;
		if (next.kind === 'complete') {
			const final = pruneHidden(survey.definition.questions, merged);
			// A response gets its areas (every level) only here: saves before completion write none.
			const seeds = await areaSeeds(ctx.db, survey, final);
			const complete = async (db: Kysely<DB>) => {
				const result = await sql<{ done: boolean }>`
					with recursive ${responseAreasSql(seeds)},
					u as (
						update qk.survey_response set answers = ${JSON.stringify(final)}::jsonb, complete = true,
							page = 0, answered_on = ${today}::date,
							-- an anonymous response keeps no link to the browser once it is done
							resume_hash = case when ${survey.anonymous} then null else resume_hash end
						where ${unchanged}
						returning id
					), a as (
						insert into qk.survey_response_area (response_id, question_key, area_id)
						select distinct u.id, up.question_key, up.id from u cross join up
						on conflict do nothing
					)
					select exists (select 1 from u) as done`.execute(db);
				return result.rows[0].done;
			};
			written =
				!survey.anonymous && actorId
					? await ctx.db.transaction().execute(async (trx) => {
							const done = await complete(trx);
							if (done)
								await writeAudit(trx, {
									actorId,
									action: 'survey.answer',
									subjectType: 'survey',
									subjectId: survey.id,
									at: ctx.now
								});
							return done;
						})
					: await complete(ctx.db);
		} else {
			const result = await ctx.db
				.updateTable('survey_response')
				.set({ answers: JSON.stringify(merged), page: next.page, answered_on: today })
				.where(unchanged)
				.executeTakeFirst();
			written = Number(result.numUpdatedRows) === 1;
		}
		if (written) return { ok: true, value: next };
	}
	return { ok: false, code: 'not_found' };
}
