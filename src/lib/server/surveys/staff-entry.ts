// Staff entry of paper, interview, phone and workshop answers: one form with every question, one
// complete response per submit (an interviewer enters many in a row). Required questions are not
// enforced — a paper questionnaire may have gaps — but every given answer is validated.
import { sql, type Kysely } from 'kysely';
import {
	parseAnswerForm,
	pruneHidden,
	validateAnswers,
	visibleQuestionKeys,
	type AnswerError,
	type Answers,
	type FormLike
} from '../../questionnaire';
import { actorUserId, writeAudit, zodFieldErrors, type CommandContext } from '../core';
import type { DB } from '../db/types';
import { loadSurveyFor } from './access';
import { answerableAreas, mapPlaceErrors, writeResponseAreas } from './answer';
import { StaffEntryFields } from './schemas';

export interface StaffEntryFailure {
	ok: false;
	code: 'not_found' | 'invalid' | 'survey_draft';
	/** field errors: channel/answeredOn (i18n keys) and per question key */
	fieldErrors?: Record<string, string>;
	errors?: Record<string, AnswerError>;
	answers?: Answers;
	raw?: Record<string, string>;
}

export async function enterStaffResponse(
	ctx: CommandContext,
	surveyId: string,
	form: FormLike
): Promise<{ ok: true; value: { responseId: string } } | StaffEntryFailure> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.enter_analog');
	if (!found) return { ok: false, code: 'not_found' };
	const { survey } = found;
	if (survey.status === 'draft') return { ok: false, code: 'survey_draft' };
	const fields = StaffEntryFields.safeParse({
		channel: form.get('channel'),
		answeredOn: form.get('answeredOn')
	});
	const questions = survey.definition.questions.map((q) => ({ ...q, required: false }));
	const parsed = parseAnswerForm(questions, form);
	const visible = visibleQuestionKeys(questions, parsed.answers);
	const areas = await answerableAreas(ctx.db, survey);
	const errors = {
		...validateAnswers(
			questions.filter((q) => visible.has(q.key)),
			parsed.answers,
			{ areaIds: areas.ids }
		),
		...(await mapPlaceErrors(ctx.db, questions, parsed.answers)),
		...parsed.errors
	};
	if (!fields.success || Object.keys(errors).length)
		return {
			ok: false,
			code: 'invalid',
			fieldErrors: fields.success ? {} : zodFieldErrors(fields.error),
			errors,
			answers: parsed.answers,
			raw: parsed.raw
		};
	const answers = pruneHidden(questions, parsed.answers);
	const responseId = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('survey_response')
			.values({
				survey_id: survey.id,
				channel: fields.data.channel,
				answered_on: fields.data.answeredOn,
				complete: true,
				answers: JSON.stringify(answers),
				// who typed it in is kept only where the survey is not anonymous
				entered_by: survey.anonymous ? null : actorUserId(ctx.actor)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeResponseAreas(trx, survey, row.id, answers);
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.enter_analog',
			subjectType: 'survey',
			subjectId: survey.id,
			// no response id for anonymous surveys: the audit log must not lead to a response
			details: survey.anonymous
				? { channel: fields.data.channel }
				: { channel: fields.data.channel, responseId: row.id },
			at: ctx.now
		});
		return row.id;
	});
	return { ok: true, value: { responseId } };
}

/** How many analog responses exist per channel (the staff page's counter). */
export async function analogCounts(db: Kysely<DB>, surveyId: string): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('survey_response')
		.select(['channel', sql<number>`count(*)::int`.as('n')])
		.where('survey_id', '=', surveyId)
		.where('channel', '!=', 'online')
		.groupBy('channel')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
}
