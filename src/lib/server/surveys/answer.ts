// Answering a survey: who may start (access mode, gate, one-time code, one per account/browser), saving
// page by page, resuming, completing. Respondents' steps write no audit row: for anonymous surveys an
// audit row (who, when) is exactly what anonymity forbids; non-anonymous completions are audited.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { cityDay } from '../../format/dates';
import {
	fieldName,
	parseAnswerForm,
	pruneHidden,
	validateAnswers,
	visiblePages,
	type AnswerError,
	type Answers,
	type FormLike,
	type Question,
	type QuestionPage
} from '../../questionnaire';
import { areasTouching, listAreas, pickedAreas } from '../areas';
import type { ContributionGeometry } from '../../geo/area-assignment';
import { can } from '../auth/permissions';
import { consumeRateLimit } from '../auth/rate-limit';
import { consultationRef, isOpen, isPublic, type ConsultationRef } from '../consultations/ref';
import { actorUserId, type CommandContext, type Needs, type Result } from '../core';
import type { DB } from '../db/types';
import { admitParticipation, type GateError } from '../participation/gate';
import {
	applyFileChanges,
	deleteStoredFiles,
	FILE_SAVE_LIMIT,
	sentFileQuestions,
	stageUploads,
	type StagedUploads
} from './files';
import {
	answerableAreaSql,
	areaSeeds,
	mapGeometries,
	namedAreaIds,
	outsideErrors,
	responseAreasSql,
	touchedAreas
} from './answer-areas';
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
	// the survey and the consultation of the address at once; they must belong together
	const [survey, consultation] = await Promise.all([
		getSurvey(ctx.db, surveyId),
		consultationRef(ctx, { slug })
	]);
	if (!survey || !consultation || consultation.id !== survey.consultationId) return null;
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
	options: { lock?: boolean; areaCheck?: RawBuilder<string[]> } = {}
): Promise<(ResponseState & { state: string; areaIds: string[] }) | null> {
	let q = db
		.selectFrom('survey_response')
		// xmin: the row version (changes with every update) — the compare-and-set token of a save
		.select(['id', 'answers', 'page', 'complete', sql<string>`xmin::text`.as('state')])
		.$if(!!options.areaCheck, (qb) => qb.select(options.areaCheck!.as('area_ids')))
		.where('survey_id', '=', survey.id)
		.where('channel', '=', 'online');
	if (who.resumeToken) q = q.where('resume_hash', '=', hashToken(who.resumeToken));
	else if (!survey.anonymous && actorId) q = q.where('user_id', '=', actorId);
	else return null;
	const row = (await (options.lock ? q.forUpdate() : q).executeTakeFirst()) as
		| { id: string; answers: unknown; page: number; complete: boolean; state: string; area_ids?: string[] }
		| undefined;
	return row
		? {
				id: row.id,
				answers: (row.answers ?? {}) as Answers,
				page: row.page,
				complete: row.complete,
				state: row.state,
				areaIds: (row.area_ids ?? []).map(String)
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
	const plain = response && {
		id: response.id,
		answers: response.answers,
		page: response.page,
		complete: response.complete
	};
	if (plain && !plain.complete) return { state: 'in_progress', response: plain };
	if (plain) return { state: 'answered', response: plain };
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
	// One statement: use the code (atomic — a concurrent use of the same code waits for this one and
	// then finds it used) or set the marker (a concurrent one conflicts), and only then create the
	// response. Code mode has no marker (respondentMarker), so at most one of the two applies.
	const m = respondentMarker(ctx.secret, survey, actorId, who);
	const gate =
		survey.accessMode === 'code'
			? sql`update qk.survey_code set used = true
				where survey_id = ${survey.id} and code_hash = ${codeHash(ctx.secret, survey.id, input.code ?? '')}
					and not used
				returning 1`
			: m
				? sql`insert into qk.survey_participant (survey_id, marker_hash) values (${survey.id}, ${m})
					on conflict do nothing returning 1`
				: sql`select 1`;
	const result = await sql<{ admitted: boolean; id: string | null }>`
		with gate as (${gate}),
		r as (
			insert into qk.survey_response (survey_id, channel, answered_on, user_id, resume_hash)
			select ${survey.id}, 'online', ${cityDay(ctx.now)}::date, ${survey.anonymous ? null : actorId}::uuid,
				${hashToken(resumeToken)}
			where exists (select 1 from gate)
			on conflict do nothing
			returning id
		)
		select exists (select 1 from gate) as admitted, (select id from r) as id`.execute(ctx.db);
	const row = result.rows[0];
	if (!row?.admitted)
		return { ok: false, code: survey.accessMode === 'code' ? 'code_invalid' : 'already_answered' };
	if (!row.id) return { ok: false, code: 'already_answered' };
	return { ok: true, value: { responseId: String(row.id), resumeToken } };
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

/**
 * Map answers whose drawn places lie outside the city (touch none of its current areas): an error per
 * question. The shape, size and Germany checks ran when the form was read (questionnaire/map-answer).
 */
export async function mapPlaceErrors(
	db: Kysely<DB>,
	questions: readonly Question[],
	answers: Answers
): Promise<Record<string, AnswerError>> {
	const errors: Record<string, AnswerError> = {};
	for (const q of questions) {
		const a = answers[q.key];
		if (q.type !== 'map' || a?.type !== 'map') continue;
		for (const g of a.geometries)
			if ((await areasTouching(db, g as ContributionGeometry)).length === 0) {
				errors[q.key] = { key: 'surveyMap.validation.outside' };
				break;
			}
	}
	return errors;
}

/** The areas (every level) of a response's area and map answers, for survey_response_area. */
async function answerAreas(
	db: Kysely<DB>,
	survey: SurveyRow,
	answers: Answers
): Promise<{ questionKey: string; areaId: string }[]> {
	const out: { questionKey: string; areaId: string }[] = [];
	for (const q of survey.definition.questions) {
		const a = answers[q.key];
		if (!a) continue;
		const ids = new Set<string>();
		if (a.type === 'area') for (const x of await pickedAreas(db, [a.areaId])) ids.add(x.id);
		if (a.type === 'map') {
			if (a.areaId) for (const x of await pickedAreas(db, [a.areaId])) ids.add(x.id);
			for (const g of a.geometries)
				for (const x of await areasTouching(db, g as ContributionGeometry)) ids.add(x.id);
		}
		for (const areaId of ids) out.push({ questionKey: q.key, areaId });
	}
	return out;
}

export async function writeResponseAreas(
	trx: Transaction<DB>,
	survey: SurveyRow,
	responseId: string,
	answers: Answers
) {
	await trx.deleteFrom('survey_response_area').where('response_id', '=', responseId).execute();
	const rows = await answerAreas(trx, survey, answers);
	if (rows.length)
		await trx
			.insertInto('survey_response_area')
			.values(rows.map((r) => ({ response_id: responseId, question_key: r.questionKey, area_id: r.areaId })))
			.onConflict((oc) => oc.doNothing())
			.execute();
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

/** How often a save is tried optimistically before it takes the row lock. */
const OPTIMISTIC_TRIES = 3;

/**
 * Saves one page of the respondent's response and says where to go next. Usually two round trips:
 * one read (the response, its row version, and which of the areas the form names may be answered),
 * one write that applies only to the row version read (compare-and-set; when another save came in
 * between, the page is read and merged again — after a few tries under the row lock, so no save is
 * lost and none fails). Completion writes the answers, the areas (every level) of the area and map
 * answers, drops files no answer names any more and audits (non-anonymous) in that one statement.
 * A page that adds or removes files takes the row lock and one transaction from the start.
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
	// Sending files is rate-limited per response (its resume token or account): 20 saves with files an hour.
	const sending = sentFileQuestions(survey.definition.questions, input.form);
	if (sending.length) {
		const limited = await consumeRateLimit(
			ctx.db,
			ctx.secret ?? '',
			['survey-files', survey.id, who.resumeToken ? hashToken(who.resumeToken) : (actorId ?? 'none')],
			FILE_SAVE_LIMIT,
			ctx.now
		);
		if (!limited.allowed)
			return {
				ok: false,
				code: 'invalid',
				errors: Object.fromEntries(sending.map((k) => [k, { key: 'surveys.validation.fileRateLimited' }]))
			};
	}
	// Files are checked and stored before the transaction; those not linked in it are deleted after.
	const staged: StagedUploads = await stageUploads(
		ctx.storage,
		survey.id,
		survey.definition.questions,
		input.form
	);
	const stagedKeys = [...staged.files.values()].flat().map((f) => f.key);
	// Linking or removing files writes more rows than the response: that save runs under the row lock.
	const fileWrites =
		stagedKeys.length > 0 ||
		survey.definition.questions.some(
			(q) => q.type === 'file' && input.form.getAll(fieldName(q.key, 'remove')).length > 0
		);
	const named = namedAreaIds(survey, input.form);
	const areaCheck = named.length ? answerableAreaSql(survey, named) : undefined;
	const toDelete: string[] = [];
	let used = new Set<string>();
	try {
		for (let attempt = 0; !fileWrites && attempt < OPTIMISTIC_TRIES; attempt++) {
			const outcome = await savePage(ctx.db, false);
			if (outcome !== 'changed') return outcome;
		}
		const outcome = await ctx.db.transaction().execute((trx) => savePage(trx, true));
		// under the lock the row cannot change between the read and the write
		return outcome === 'changed' ? { ok: false, code: 'not_found' } : outcome;
	} finally {
		await deleteStoredFiles(ctx.storage, [...toDelete, ...stagedKeys.filter((k) => !used.has(k))]);
	}

	/** One try; 'changed' when the row changed since it was read (only without the lock). */
	async function savePage(
		db: Kysely<DB>,
		locked: boolean
	): Promise<{ ok: true; value: SaveOutcome } | SaveFailure | 'changed'> {
		const response = await findResponse(db, survey, actorId, who, { lock: locked, areaCheck });
		if (!response) return { ok: false, code: 'not_found' };
		if (response.complete) return { ok: false, code: 'already_complete' };
		const before = visiblePages(survey.definition, response.answers, survey.layout);
		const page: QuestionPage | undefined = before[input.page];
		if (!page) return { ok: false, code: 'not_found' };
		const parsed = parseAnswerForm(page.questions, input.form);
		const today = cityDay(ctx.now);
		// without staged files or removals this writes nothing: the kept files come from the answers
		const files = await applyFileChanges(db, {
			responseId: response.id,
			anonymous: survey.anonymous,
			questions: page.questions,
			stored: response.answers,
			form: input.form,
			staged,
			day: today
		});
		used = files.used;
		toDelete.push(...files.dropped);
		Object.assign(parsed.answers, files.answers);
		Object.assign(parsed.errors, files.errors);
		const fileKeys = page.questions.filter((q) => q.type === 'file').map((q) => q.key);
		const merged: Answers = { ...response.answers };
		for (const q of page.questions) delete merged[q.key];
		Object.assign(merged, parsed.answers);
		const after = visiblePages(survey.definition, merged, survey.layout);
		const samePage = after[input.page];
		const shownKeys = new Set(page.questions.map((q) => q.key));
		// The places of this page's map answers and, when the page may complete the response, of all
		// map answers (their areas are written then): one read.
		const mayComplete = input.direction === 'next' && input.page + 1 >= after.length;
		const touched = await touchedAreas(
			db,
			mapGeometries(
				mayComplete ? survey.definition.questions : page.questions,
				mayComplete ? merged : parsed.answers
			)
		);
		const errors = {
			...validateAnswers(samePage?.questions.filter((q) => shownKeys.has(q.key)) ?? [], merged, {
				areaIds: new Set(response.areaIds)
			}),
			...outsideErrors(page.questions, parsed.answers, touched),
			...parsed.errors
		};
		// the row as it was read: a write applies only to that version
		const unchanged = sql<boolean>`id = ${response.id} and xmin::text = ${response.state}`;
		if (input.direction === 'back') {
			// kept files stay (a file error refused only the new ones)
			for (const key of Object.keys(errors)) if (!fileKeys.includes(key)) delete merged[key];
		} else if (Object.keys(errors).length) {
			// A file input cannot be filled again: accepted files and removals are saved now, the
			// other answers of the page stay as they were stored (and are shown as typed).
			if (fileKeys.length && locked) {
				const stored: Answers = { ...response.answers };
				for (const key of fileKeys) delete stored[key];
				Object.assign(stored, files.answers);
				await db
					.updateTable('survey_response')
					.set({ answers: JSON.stringify(stored) })
					.where('id', '=', response.id)
					.execute();
			}
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
		if (next.kind === 'complete') {
			const final = pruneHidden(survey.definition.questions, merged);
			const seeds = areaSeeds(survey.definition.questions, final, touched);
			const kept = Object.values(final).flatMap((a) =>
				a.type === 'file' ? a.files.map((f) => f.uploadId) : []
			);
			const audit = !survey.anonymous && !!actorId;
			const result = await sql<{ done: boolean; dropped: string[] }>`
				with recursive ${responseAreasSql(seeds)},
				u as (
					update qk.survey_response set answers = ${JSON.stringify(final)}::jsonb, complete = true,
						page = 0, answered_on = ${today}::date,
						-- an anonymous response keeps no link to the browser once it is done
						resume_hash = case when ${survey.anonymous} then null else resume_hash end
					where ${unchanged}
					returning id
				),
				-- a response gets its areas only here (saves before completion write none)
				a as (
					insert into qk.survey_response_area (response_id, question_key, area_id)
					select distinct u.id, up.question_key, up.id from u cross join up
					on conflict do nothing
				),
				-- files no answer names any more (a hidden question, a removed answer); the trigger
				-- removes their upload rows, the stored files are deleted after
				f as (
					delete from qk.survey_response_file rf using qk.upload up
					where up.id = rf.upload_id and rf.response_id = (select id from u)
						and not (rf.upload_id = any(${kept}::uuid[]))
					returning up.storage_key
				),
				l as (
					insert into qk.audit_log (actor_id, action, subject_type, subject_id, details, created_at)
					select ${actorId}::uuid, 'survey.answer', 'survey', ${survey.id}::text, '{}'::jsonb,
						${ctx.now}::timestamptz
					from u where ${audit}
				)
				select exists (select 1 from u) as done, array(select storage_key from f) as dropped`.execute(db);
			const row = result.rows[0];
			if (!row?.done) return 'changed';
			toDelete.push(...(row.dropped ?? []));
		} else {
			const result = await db
				.updateTable('survey_response')
				.set({ answers: JSON.stringify(merged), page: next.page, answered_on: today })
				.where(unchanged)
				.executeTakeFirst();
			if (Number(result.numUpdatedRows) !== 1) return 'changed';
		}
		return { ok: true, value: next };
	}
}
