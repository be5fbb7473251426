// What the surveys module stores about a person, and account deletion. Responses of anonymous surveys
// hold no account (the database refuses one), so only non-anonymous surveys appear here; markers
// (survey_participant) are keyed HMACs of an account id and are not listed.
import type { Transaction } from 'kysely';
import type { Answers } from '../../questionnaire';
import type { DB } from '../db/types';
import { fileKeysOfResponses } from './files';
import type { PersonalDataSection } from '../participation/component';

export const surveyPersonalData: PersonalDataSection[] = [
	{
		key: 'surveyResponses',
		tables: ['survey_response.user_id', 'survey_response.entered_by', 'survey.created_by'],
		async collect(db, userId) {
			const [answered, entered, created, files] = await Promise.all([
				db
					.selectFrom('survey_response as r')
					.innerJoin('survey as s', 's.id', 'r.survey_id')
					.select(['s.id as survey_id', 's.title', 'r.answered_on', 'r.complete', 'r.answers', 'r.channel'])
					.where('r.user_id', '=', userId)
					.where('s.anonymous', '=', false)
					.orderBy('r.answered_on')
					.execute(),
				db
					.selectFrom('survey_response as r')
					.innerJoin('survey as s', 's.id', 'r.survey_id')
					.select(['s.id as survey_id', 's.title', 'r.answered_on', 'r.channel'])
					.where('r.entered_by', '=', userId)
					.orderBy('r.answered_on')
					.execute(),
				db
					.selectFrom('survey')
					.select(['id', 'title', 'created_at'])
					.where('created_by', '=', userId)
					.execute(),
				// the person's files of file questions (the bytes are in the app; listed by name and size)
				db
					.selectFrom('survey_response_file as f')
					.innerJoin('survey_response as r', 'r.id', 'f.response_id')
					.innerJoin('survey as s', 's.id', 'r.survey_id')
					.innerJoin('upload as u', 'u.id', 'f.upload_id')
					.select([
						's.id as survey_id',
						's.title',
						'f.question_key',
						'f.file_name',
						'u.content_type',
						'u.size_bytes'
					])
					.where('r.user_id', '=', userId)
					.where('s.anonymous', '=', false)
					.orderBy('s.id')
					.orderBy('f.question_key')
					.orderBy('f.position')
					.execute()
			]);
			return {
				answered: answered.map((r) => ({
					surveyId: r.survey_id,
					survey: r.title,
					answeredOn: String(r.answered_on).slice(0, 10),
					complete: r.complete,
					channel: r.channel,
					answers: r.answers
				})),
				// Paper answers this person typed in (the answers are the respondents', not theirs).
				enteredForOthers: entered.map((r) => ({
					surveyId: r.survey_id,
					survey: r.title,
					answeredOn: String(r.answered_on).slice(0, 10),
					channel: r.channel
				})),
				files: files.map((f) => ({
					surveyId: f.survey_id,
					survey: f.title,
					question: f.question_key,
					name: f.file_name,
					contentType: f.content_type,
					sizeBytes: f.size_bytes
				})),
				surveysCreated: created.map((s) => ({
					id: s.id,
					title: s.title,
					at: new Date(s.created_at).toISOString()
				}))
			};
		}
	}
];

/**
 * Account deletion. 'anonymise': the person's responses stay for the results without the account
 * (and without the resume link); 'delete': they go. Either way the person's files go (their answers
 * lose the file question's answer). Staff entries keep the response, lose entered_by.
 */
export async function removeSurveyRespondent(
	trx: Transaction<DB>,
	userId: string,
	mode: 'anonymise' | 'delete'
): Promise<{ files: string[] }> {
	const own = await trx
		.selectFrom('survey_response')
		.select(['id', 'answers'])
		.where('user_id', '=', userId)
		.execute();
	const files = await fileKeysOfResponses(
		trx,
		own.map((r) => r.id)
	);
	if (files.length) {
		await trx
			.deleteFrom('survey_response_file')
			.where(
				'response_id',
				'in',
				own.map((r) => r.id)
			)
			.execute();
		if (mode === 'anonymise')
			for (const r of own) {
				const answers = (r.answers ?? {}) as Answers;
				const kept = Object.fromEntries(Object.entries(answers).filter(([, a]) => a.type !== 'file'));
				if (Object.keys(kept).length !== Object.keys(answers).length)
					await trx
						.updateTable('survey_response')
						.set({ answers: JSON.stringify(kept) })
						.where('id', '=', r.id)
						.execute();
			}
	}
	if (mode === 'delete') await trx.deleteFrom('survey_response').where('user_id', '=', userId).execute();
	else
		await trx
			.updateTable('survey_response')
			.set({ user_id: null, resume_hash: null })
			.where('user_id', '=', userId)
			.execute();
	await trx
		.updateTable('survey_response')
		.set({ entered_by: null })
		.where('entered_by', '=', userId)
		.execute();
	await trx.updateTable('survey').set({ created_by: null }).where('created_by', '=', userId).execute();
	return { files };
}
