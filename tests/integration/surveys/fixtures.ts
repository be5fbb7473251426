// A consultation with the surveys module, a manager, and a survey with a few questions.
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { CommandContext } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import type { QuestionnaireDefinition } from '../../../src/lib/questionnaire';
import {
	createSurvey,
	getSurvey,
	saveQuestionnaireDefinition,
	setSurveyStatus,
	type RespondentSurvey
} from '../../../src/lib/server/surveys';
import { consultationRef } from '../../../src/lib/server/consultations/ref';
import { insertConsultation } from '../contributions/fixtures';
import { actorFor, insertUser } from '../helpers/roles-fixtures';

export const SECRET = 'surveys-test-secret-0123456789abcdef';

let addresses = 0;
export function ctxFor(db: Kysely<DB>, actor: Actor | null, overrides: Partial<CommandContext> = {}) {
	addresses++;
	return {
		db,
		secret: SECRET,
		actor,
		now: new Date(),
		clientAddress: `203.0.113.${(addresses % 250) + 1}`,
		...overrides
	} as CommandContext & { secret: string; clientAddress: string };
}

export function definitionWith(areaLevel: string): QuestionnaireDefinition {
	return {
		version: 1,
		questions: [
			{ key: 'WOHNORT', type: 'area', level: areaLevel, map: false, required: true, text: { de: 'Wo wohnen Sie?' } },
			{
				key: 'ZUFR',
				type: 'single_choice',
				display: 'radio',
				other: false,
				required: true,
				text: { de: 'Wie zufrieden sind Sie?' },
				options: [
					{ code: '1', label: { de: 'sehr' } },
					{ code: '2', label: { de: 'wenig' } }
				]
			},
			{ key: 'P2', type: 'page_break', required: false, text: { de: 'Seite 2' } },
			{
				key: 'WARUM',
				type: 'long_text',
				required: false,
				text: { de: 'Warum „{{ZUFR}}“?' },
				condition: { combinator: 'and', clauses: [{ question: 'ZUFR', op: 'equals', value: '2' }] }
			},
			{ key: 'ALTER', type: 'number', required: false, integer: true, min: 0, max: 120, text: { de: 'Alter' } }
		]
	};
}

export async function surveyFixture(
	db: Kysely<DB>,
	settings: { accessMode: 'anyone' | 'account' | 'code'; anonymous: boolean },
	areaLevel: string
): Promise<{ found: RespondentSurvey; manager: Actor; slug: string }> {
	const managerId = await insertUser(db, { roles: ['planner'] });
	const manager = await actorFor(db, managerId);
	const c = await insertConsultation(db, { status: 'published', allowAnonymous: false });
	await db.updateTable('consultation').set({ modules: ['map_comments', 'surveys'] }).where('id', '=', c.id).execute();
	const ctx = ctxFor(db, manager);
	const created = await createSurvey(ctx, c.id, {
		title: 'Bewohnerbefragung',
		accessMode: settings.accessMode,
		anonymous: settings.anonymous ? 'on' : '',
		layout: 'pages'
	});
	if (!created.ok) throw new Error(created.code);
	const saved = await saveQuestionnaireDefinition(ctx, created.value.id, definitionWith(areaLevel));
	if (!saved.ok) throw new Error(JSON.stringify(saved));
	const opened = await setSurveyStatus(ctx, created.value.id, 'open');
	if (!opened.ok) throw new Error(opened.code);
	const survey = (await getSurvey(db, created.value.id))!;
	const consultation = (await consultationRef({ db }, { id: c.id }))!;
	return { found: { survey, consultation, canManage: false }, manager, slug: c.slug };
}

export function form(entries: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) for (const x of [v].flat()) f.append(k, x);
	return f;
}
