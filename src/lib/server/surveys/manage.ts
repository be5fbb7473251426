// Staff verbs on surveys: create, change settings and translations, open/close, save the questionnaire,
// generate one-time codes. Each re-checks 'surveys.manage', writes in one transaction with an audit row.
import { createHmac, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { can } from '../auth/permissions';
import { consultationRef } from '../consultations/ref';
import {
	actorUserId,
	writeAudit,
	zodFieldErrors,
	type CommandContext,
	type Needs,
	type Result
} from '../core';
import { questionnaireDefinition, type QuestionnaireDefinition } from '../../questionnaire/definition';
import { loadSurveyFor } from './access';
import {
	GenerateCodesInput,
	SurveySettingsInput,
	SurveyTranslationInput,
	type SurveyStatus
} from './schemas';

type NotFound = 'not_found';

/** Whether `areaId` names a current area (an area tied before a boundary change may stay: `keep`). */
async function areaAllowed(
	db: CommandContext['db'],
	areaId: string | null,
	keep: string | null = null
): Promise<boolean> {
	if (areaId === null || areaId === keep) return true;
	const row = await db
		.selectFrom('area')
		.select('id')
		.where('id', '=', areaId)
		.where('valid_to', 'is', null)
		.executeTakeFirst();
	return !!row;
}

const areaError = { areaId: 'surveys.errors.areaInvalid' };

export async function createSurvey(
	ctx: CommandContext,
	consultationId: string,
	input: unknown
): Promise<Result<{ id: string }, NotFound | 'invalid'>> {
	const consultation = await consultationRef(ctx, { id: consultationId });
	if (!consultation || !can(ctx.actor, 'surveys.manage', consultation.subject))
		return { ok: false, code: 'not_found' };
	const parsed = SurveySettingsInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const s = parsed.data;
	if (!(await areaAllowed(ctx.db, s.areaId))) return { ok: false, code: 'invalid', errors: areaError };
	const id = await ctx.db.transaction().execute(async (trx) => {
		const q = await trx
			.insertInto('questionnaire')
			.values({
				definition: JSON.stringify({ version: 1, questions: [] }),
				created_at: ctx.now,
				updated_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const row = await trx
			.insertInto('survey')
			.values({
				consultation_id: consultationId,
				questionnaire_id: q.id,
				title: s.title,
				intro: s.intro,
				intro_easy: s.introEasy,
				access_mode: s.accessMode,
				anonymous: s.anonymous,
				layout: s.layout,
				opens_at: s.opensAt,
				closes_at: s.closesAt,
				area_id: s.areaId,
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now,
				updated_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.create',
			subjectType: 'survey',
			subjectId: row.id,
			details: { consultationId, accessMode: s.accessMode, anonymous: s.anonymous, areaId: s.areaId },
			at: ctx.now
		});
		return row.id;
	});
	return { ok: true, value: { id } };
}

/**
 * Changes title, intro, layout, dates. Access mode and anonymity are fixed once a response exists
 * (changing them would break the promise made to those who answered): code 'has_responses'.
 */
export async function updateSurveySettings(
	ctx: CommandContext,
	surveyId: string,
	input: unknown
): Promise<Result<{ id: string }, NotFound | 'invalid' | 'has_responses'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.manage');
	if (!found) return { ok: false, code: 'not_found' };
	const parsed = SurveySettingsInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const s = parsed.data;
	if (!(await areaAllowed(ctx.db, s.areaId, found.survey.areaId)))
		return { ok: false, code: 'invalid', errors: areaError };
	return ctx.db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('survey')
			.select(['access_mode', 'anonymous'])
			.where('id', '=', surveyId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		if (current.access_mode !== s.accessMode || current.anonymous !== s.anonymous) {
			const any = await trx
				.selectFrom('survey_response')
				.select('id')
				.where('survey_id', '=', surveyId)
				.limit(1)
				.executeTakeFirst();
			if (any) return { ok: false as const, code: 'has_responses' as const };
		}
		await trx
			.updateTable('survey')
			.set({
				title: s.title,
				intro: s.intro,
				intro_easy: s.introEasy,
				access_mode: s.accessMode,
				anonymous: s.anonymous,
				layout: s.layout,
				opens_at: s.opensAt,
				closes_at: s.closesAt,
				area_id: s.areaId,
				updated_at: ctx.now
			})
			.where('id', '=', surveyId)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.update',
			subjectType: 'survey',
			subjectId: surveyId,
			at: ctx.now
		});
		return { ok: true as const, value: { id: surveyId } };
	});
}

/** Saves one language's title and intro; empty fields fall back to German. */
export async function saveSurveyTranslation(
	ctx: CommandContext,
	surveyId: string,
	input: unknown
): Promise<Result<{ language: string }, NotFound | 'invalid'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.manage');
	if (!found) return { ok: false, code: 'not_found' };
	const parsed = SurveyTranslationInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { language, ...fields } = parsed.data;
	const texts = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('survey')
			.set({
				translations: sql`case when ${Object.keys(texts).length} = 0 then translations - ${language}
					else jsonb_set(translations, ${sql.lit(`{${language}}`)}::text[], ${JSON.stringify(texts)}::jsonb) end`,
				updated_at: ctx.now
			})
			.where('id', '=', surveyId)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.translate',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { language },
			at: ctx.now
		});
	});
	return { ok: true, value: { language } };
}

/** draft → open → closed (and closed → open to reopen). */
export async function setSurveyStatus(
	ctx: CommandContext,
	surveyId: string,
	status: SurveyStatus
): Promise<Result<{ status: SurveyStatus }, NotFound | 'invalid' | 'no_questions'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.manage');
	if (!found) return { ok: false, code: 'not_found' };
	if (!['draft', 'open', 'closed'].includes(status)) return { ok: false, code: 'invalid' };
	if (
		status === 'open' &&
		!found.survey.definition.questions.some((q) => q.type !== 'info' && q.type !== 'page_break')
	)
		return { ok: false, code: 'no_questions' };
	await ctx.db.transaction().execute(async (trx) => {
		await trx.updateTable('survey').set({ status, updated_at: ctx.now }).where('id', '=', surveyId).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.status',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { from: found.survey.status, to: status },
			at: ctx.now
		});
	});
	return { ok: true, value: { status } };
}

/**
 * Replaces the questionnaire definition (parsed with zod). The builder checks for breaking changes
 * before calling this (it owns that rule); this function only validates and writes.
 */
export async function saveQuestionnaireDefinition(
	ctx: CommandContext,
	surveyId: string,
	definition: unknown
): Promise<Result<QuestionnaireDefinition, NotFound | 'invalid'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.manage');
	if (!found) return { ok: false, code: 'not_found' };
	const parsed = questionnaireDefinition.safeParse(definition);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
		return { ok: false, code: 'invalid', errors };
	}
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('questionnaire')
			.set({ definition: JSON.stringify(parsed.data), updated_at: ctx.now })
			.where('id', '=', found.survey.questionnaireId)
			.execute();
		await trx.updateTable('survey').set({ updated_at: ctx.now }).where('id', '=', surveyId).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.questions',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { questions: parsed.data.questions.length },
			at: ctx.now
		});
	});
	return { ok: true, value: parsed.data };
}

// One-time codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normaliseCode(code: string): string {
	return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function formatCode(normalised: string): string {
	return `${normalised.slice(0, 4)}-${normalised.slice(4)}`;
}

/** HMAC of a code (per survey): the plain code is never stored. */
export function codeHash(secret: string, surveyId: string, code: string): string {
	return createHmac('sha256', secret)
		.update(`survey-code:${surveyId}:${normaliseCode(code)}`)
		.digest('hex');
}

/** Generates `count` new codes; returns them in plain text once (to print or hand out). */
export async function generateSurveyCodes(
	ctx: CommandContext & Needs<'secret'>,
	surveyId: string,
	input: unknown
): Promise<Result<{ codes: string[] }, NotFound | 'invalid' | 'not_code_mode'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.manage');
	if (!found) return { ok: false, code: 'not_found' };
	if (found.survey.accessMode !== 'code') return { ok: false, code: 'not_code_mode' };
	const parsed = GenerateCodesInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const codes = new Set<string>();
	while (codes.size < parsed.data.count) {
		let c = '';
		for (let i = 0; i < 8; i++) c += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
		codes.add(c);
	}
	const list = [...codes];
	await ctx.db.transaction().execute(async (trx) => {
		for (let i = 0; i < list.length; i += 500)
			await trx
				.insertInto('survey_code')
				.values(
					list
						.slice(i, i + 500)
						.map((c) => ({ survey_id: surveyId, code_hash: codeHash(ctx.secret, surveyId, c) }))
				)
				.onConflict((oc) => oc.doNothing())
				.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.codes',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { count: list.length },
			at: ctx.now
		});
	});
	return { ok: true, value: { codes: list.map(formatCode) } };
}

/** How many codes exist and how many were used — never which response used which. */
export async function codeCounts(
	ctx: CommandContext,
	surveyId: string
): Promise<{ total: number; used: number }> {
	const row = await ctx.db
		.selectFrom('survey_code')
		.select([
			sql<number>`count(*)::int`.as('total'),
			sql<number>`count(*) filter (where used)::int`.as('used')
		])
		.where('survey_id', '=', surveyId)
		.executeTakeFirst();
	return { total: Number(row?.total ?? 0), used: Number(row?.used ?? 0) };
}
