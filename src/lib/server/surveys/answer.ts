// Answering a survey: who may start (access mode, gate, one-time code, one per account/browser), saving
// page by page, resuming, completing. Respondents' steps write no audit row: for anonymous surveys an
// audit row (who, when) is exactly what anonymity forbids; non-anonymous completions are audited.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { cityDay } from '../../format/dates';
import {
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
import { actorUserId, writeAudit, type CommandContext, type Needs, type Result } from '../core';
import type { DB } from '../db/types';
import { admitParticipation, type GateError } from '../participation/gate';
import {
	applyFileChanges,
	deleteStoredFiles,
	FILE_SAVE_LIMIT,
	removeUnreferencedFiles,
	sentFileQuestions,
	stageUploads,
	type StagedUploads
} from './files';
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
	lock = false
): Promise<ResponseState | null> {
	let q = db
		.selectFrom('survey_response')
		.select(['id', 'answers', 'page', 'complete'])
		.where('survey_id', '=', survey.id)
		.where('channel', '=', 'online');
	if (who.resumeToken) q = q.where('resume_hash', '=', hashToken(who.resumeToken));
	else if (!survey.anonymous && actorId) q = q.where('user_id', '=', actorId);
	else return null;
	const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
	return row
		? { id: row.id, answers: (row.answers ?? {}) as Answers, page: row.page, complete: row.complete }
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
	return ctx.db.transaction().execute(async (trx) => {
		if (survey.accessMode === 'code') {
			const code = input.code ?? '';
			const used = await trx
				.updateTable('survey_code')
				.set({ used: true })
				.where('survey_id', '=', survey.id)
				.where('code_hash', '=', codeHash(ctx.secret, survey.id, code))
				.where('used', '=', false)
				.returning('survey_id')
				.executeTakeFirst();
			if (!used) return { ok: false as const, code: 'code_invalid' as const };
		}
		const m = respondentMarker(ctx.secret, survey, actorId, who);
		if (m) {
			const inserted = await trx
				.insertInto('survey_participant')
				.values({ survey_id: survey.id, marker_hash: m })
				.onConflict((oc) => oc.doNothing())
				.returning('marker_hash')
				.executeTakeFirst();
			if (!inserted) return { ok: false as const, code: 'already_answered' as const };
		}
		const row = await trx
			.insertInto('survey_response')
			.values({
				survey_id: survey.id,
				channel: 'online',
				answered_on: cityDay(ctx.now),
				user_id: survey.anonymous ? null : actorId,
				resume_hash: hashToken(resumeToken)
			})
			.onConflict((oc) => oc.doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!row) return { ok: false as const, code: 'already_answered' as const };
		return { ok: true as const, value: { responseId: row.id, resumeToken } };
	});
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

/** Saves one page of the respondent's response and says where to go next. */
export async function saveResponsePage(
	ctx: CommandContext,
	found: RespondentSurvey,
	who: Respondent,
	input: PageInput
): Promise<{ ok: true; value: SaveOutcome } | SaveFailure> {
	const { survey } = found;
	if (!surveyIsOpen(survey, ctx.now)) return { ok: false, code: 'survey_closed' };
	const areas = await answerableAreas(ctx.db, survey);
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
	const toDelete: string[] = [];
	let used = new Set<string>();
	try {
		return await savePage();
	} finally {
		await deleteStoredFiles(ctx.storage, [...toDelete, ...stagedKeys.filter((k) => !used.has(k))]);
	}

	function savePage() {
		return ctx.db
			.transaction()
			.execute(async (trx): Promise<{ ok: true; value: SaveOutcome } | SaveFailure> => {
				const response = await findResponse(trx, survey, actorId, who, true);
				if (!response) return { ok: false, code: 'not_found' };
				if (response.complete) return { ok: false, code: 'already_complete' };
				const before = visiblePages(survey.definition, response.answers, survey.layout);
				const page: QuestionPage | undefined = before[input.page];
				if (!page) return { ok: false, code: 'not_found' };
				const parsed = parseAnswerForm(page.questions, input.form);
				const today = cityDay(ctx.now);
				const files = await applyFileChanges(trx, {
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
				const errors = {
					...validateAnswers(samePage?.questions.filter((q) => shownKeys.has(q.key)) ?? [], merged, {
						areaIds: areas.ids
					}),
					...(await mapPlaceErrors(trx, page.questions, parsed.answers)),
					...parsed.errors
				};
				if (input.direction === 'back') {
					// kept files stay (a file error refused only the new ones)
					for (const key of Object.keys(errors)) if (!fileKeys.includes(key)) delete merged[key];
				} else if (Object.keys(errors).length) {
					// A file input cannot be filled again: accepted files and removals are saved now, the
					// other answers of the page stay as they were stored (and are shown as typed).
					if (fileKeys.length) {
						const stored: Answers = { ...response.answers };
						for (const key of fileKeys) delete stored[key];
						Object.assign(stored, files.answers);
						await trx
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
					toDelete.push(...(await removeUnreferencedFiles(trx, response.id, final)));
					await trx
						.updateTable('survey_response')
						.set({
							answers: JSON.stringify(final),
							complete: true,
							page: 0,
							answered_on: today,
							// an anonymous response keeps no link to the browser once it is done
							...(survey.anonymous ? { resume_hash: null } : {})
						})
						.where('id', '=', response.id)
						.execute();
					await writeResponseAreas(trx, survey, response.id, final);
					if (!survey.anonymous && actorId)
						await writeAudit(trx, {
							actorId,
							action: 'survey.answer',
							subjectType: 'survey',
							subjectId: survey.id,
							at: ctx.now
						});
				} else {
					await trx
						.updateTable('survey_response')
						.set({ answers: JSON.stringify(merged), page: next.page, answered_on: today })
						.where('id', '=', response.id)
						.execute();
				}
				return { ok: true, value: next };
			});
	}
}
