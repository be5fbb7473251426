// Publishing survey results is a deliberate step: the organiser chooses the questions and the area
// levels of their breakdowns (and whether responses per area are shown). One row per survey; what is
// published is protected at read time (published.ts), so a later answer never lifts a suppression.
import { z } from 'zod';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { loadSurveyFor } from '../surveys';
import { recordNewsEvent } from '../following/events';
import { canBreakDown } from './compute';
import { surveySummaries } from './following-hooks';

export const PublishInput = z.object({
	questions: z.array(z.string().max(64)).min(1, 'surveysResults.publish.errors.noQuestion').max(500),
	levels: z.array(z.string().max(64)).max(10).default([]),
	reach: z.boolean().default(true)
});
export type PublishInput = z.infer<typeof PublishInput>;

export interface Publication {
	questions: string[];
	levels: string[];
	reach: boolean;
	publishedAt: Date;
}

export async function publishSurveyResults(
	ctx: CommandContext,
	surveyId: string,
	input: PublishInput
): Promise<Result<Publication, 'not_found' | 'invalid'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.results');
	if (!found) return failure('not_found');
	const publishable = new Set(found.survey.definition.questions.filter(canBreakDown).map((q) => q.key));
	const questions = found.survey.definition.questions
		.map((q) => q.key)
		.filter((k) => input.questions.includes(k));
	if (questions.length === 0 || input.questions.some((k) => !publishable.has(k)))
		return failure('invalid', { questions: 'surveysResults.publish.errors.noQuestion' });
	const levels = await ctx.db.selectFrom('area_level').select('key').orderBy('rank').execute();
	const known = levels.map((l) => l.key);
	if (input.levels.some((l) => !known.includes(l)))
		return failure('invalid', { levels: 'surveysResults.publish.errors.level' });
	const chosenLevels = known.filter((l) => input.levels.includes(l));
	await ctx.db.transaction().execute(async (trx) => {
		const values = {
			questions: JSON.stringify(questions),
			breakdown_levels: JSON.stringify(chosenLevels),
			reach: input.reach,
			published_at: ctx.now,
			published_by: actorUserId(ctx.actor)
		};
		const before = await trx
			.selectFrom('survey_publication')
			.select('survey_id')
			.where('survey_id', '=', surveyId)
			.forUpdate()
			.executeTakeFirst();
		await trx
			.insertInto('survey_publication')
			.values({ survey_id: surveyId, ...values })
			.onConflict((oc) => oc.column('survey_id').doUpdateSet(values))
			.execute();
		// Newly published (not a changed choice of questions): news for the consultation's and areas'
		// followers, only when the consultation is public (surveySummaries knows public results only).
		const summary = before ? undefined : (await surveySummaries.summaries(trx, [surveyId])).get(surveyId);
		if (summary)
			await recordNewsEvent(trx, {
				item: summary,
				consultationId: summary.consultationId,
				messageKey: 'following.event.surveyResultsPublished',
				actorId: actorUserId(ctx.actor),
				at: ctx.now
			});
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.results_published',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { questions, levels: chosenLevels, reach: input.reach },
			at: ctx.now
		});
	});
	return ok({ questions, levels: chosenLevels, reach: input.reach, publishedAt: ctx.now });
}

export async function unpublishSurveyResults(
	ctx: CommandContext,
	surveyId: string
): Promise<Result<null, 'not_found'>> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.results');
	if (!found) return failure('not_found');
	await ctx.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('survey_publication').where('survey_id', '=', surveyId).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.results_unpublished',
			subjectType: 'survey',
			subjectId: surveyId,
			at: ctx.now
		});
	});
	return ok(null);
}
