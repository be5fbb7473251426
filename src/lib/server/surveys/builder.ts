// The questionnaire builder's commands: save an edited definition (refusing changes that would break
// collected answers), and import a LimeSurvey .lss file as a new survey — all or nothing.
import { sql } from 'kysely';
import { can } from '../auth/permissions';
import { consultationRef } from '../consultations/ref';
import { actorUserId, writeAudit, type CommandContext, type Result } from '../core';
import { breakingChanges, type BreakingChange } from '../../questionnaire/breaking';
import { questionnaireDefinition, type QuestionnaireDefinition } from '../../questionnaire/definition';
import { danglingReferences, type DefinitionProblem } from '../../questionnaire/edits';
import { importLss, LSS_MAX_BYTES, type LssImport } from '../../questionnaire/lss';
import { loadSurveyFor } from './access';
import { parseDefinition } from './queries';

export type SaveDefinitionFailure =
	| { ok: false; code: 'not_found' }
	| { ok: false; code: 'invalid'; errors: Record<string, string> }
	| { ok: false; code: 'problems'; problems: DefinitionProblem[] }
	| { ok: false; code: 'breaking'; changes: BreakingChange[]; responses: number };

/**
 * Saves a definition the builder produced. In one transaction with the survey row locked: when the
 * survey has responses, the edit must not break them (breakingChanges); conditions and piping must
 * name earlier questions. Audit row 'survey.questions'.
 */
export async function saveSurveyDefinition(
	ctx: CommandContext,
	surveyId: string,
	definition: unknown
): Promise<{ ok: true; value: QuestionnaireDefinition } | SaveDefinitionFailure> {
	const found = await loadSurveyFor(ctx, surveyId, 'surveys.manage');
	if (!found) return { ok: false, code: 'not_found' };
	const parsed = questionnaireDefinition.safeParse(definition);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
		return { ok: false, code: 'invalid', errors };
	}
	const problems = danglingReferences(parsed.data);
	if (problems.length) return { ok: false, code: 'problems', problems };
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('survey as s')
			.innerJoin('questionnaire as q', 'q.id', 's.questionnaire_id')
			.select(['q.id', 'q.definition'])
			.where('s.id', '=', surveyId)
			.forUpdate()
			.executeTakeFirst();
		if (!row) return { ok: false as const, code: 'not_found' as const };
		const counted = await trx
			.selectFrom('survey_response')
			.select(sql<string>`count(*)`.as('n'))
			.where('survey_id', '=', surveyId)
			.executeTakeFirstOrThrow();
		const responses = Number(counted.n);
		if (responses > 0) {
			const changes = breakingChanges(parseDefinition(row.definition), parsed.data);
			if (changes.length) return { ok: false as const, code: 'breaking' as const, changes, responses };
		}
		await trx
			.updateTable('questionnaire')
			.set({ definition: JSON.stringify(parsed.data), updated_at: ctx.now })
			.where('id', '=', row.id)
			.execute();
		await trx.updateTable('survey').set({ updated_at: ctx.now }).where('id', '=', surveyId).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.questions',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { questions: parsed.data.questions.length, responses },
			at: ctx.now
		});
		return { ok: true as const, value: parsed.data };
	});
}

/** Reads an uploaded .lss: size and content checked (an XML document of LimeSurvey), then mapped. */
export function readLssFile(
	bytes: Uint8Array
): { ok: true; value: LssImport } | { ok: false; error: string } {
	if (bytes.byteLength === 0) return { ok: false, error: 'lss.error.empty' };
	if (bytes.byteLength > LSS_MAX_BYTES) return { ok: false, error: 'lss.error.tooLarge' };
	let xml: string;
	try {
		xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, error: 'lss.error.encoding' };
	}
	// Content, not the file name: an XML document whose root is LimeSurvey's <document>.
	const head = xml.replace(/^\uFEFF/, '').slice(0, 2000);
	if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<document[\s>]/.test(head))
		return { ok: false, error: 'lss.error.notLimeSurvey' };
	if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, error: 'lss.error.notLimeSurvey' };
	const r = importLss(xml);
	return r.ok ? r : { ok: false, error: r.error };
}

/**
 * Creates a survey (draft, anonymous, anyone may answer once opened) in a consultation from a mapped
 * .lss file: questionnaire, survey, translations and audit row in ONE transaction — nothing is
 * half-imported.
 */
export async function importLssSurvey(
	ctx: CommandContext,
	consultationId: string,
	imported: LssImport
): Promise<Result<{ id: string }, 'not_found' | 'invalid'>> {
	const consultation = await consultationRef(ctx, { id: consultationId });
	if (!consultation || !can(ctx.actor, 'surveys.manage', consultation.subject))
		return { ok: false, code: 'not_found' };
	const definition = questionnaireDefinition.safeParse(imported.definition);
	if (!definition.success) return { ok: false, code: 'invalid' };
	const id = await ctx.db.transaction().execute(async (trx) => {
		const q = await trx
			.insertInto('questionnaire')
			.values({ definition: JSON.stringify(definition.data), created_at: ctx.now, updated_at: ctx.now })
			.returning('id')
			.executeTakeFirstOrThrow();
		const row = await trx
			.insertInto('survey')
			.values({
				consultation_id: consultationId,
				questionnaire_id: q.id,
				title: imported.title.slice(0, 200) || 'LimeSurvey',
				intro: imported.intro.slice(0, 20_000),
				intro_easy: imported.introEasy.slice(0, 20_000),
				translations: JSON.stringify(imported.translations),
				created_by: actorUserId(ctx.actor),
				created_at: ctx.now,
				updated_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'survey.import_lss',
			subjectType: 'survey',
			subjectId: row.id,
			details: {
				consultationId,
				questions: definition.data.questions.length,
				notMapped: imported.notMapped.length,
				dbVersion: imported.dbVersion
			},
			at: ctx.now
		});
		return row.id;
	});
	return { ok: true, value: { id } };
}
