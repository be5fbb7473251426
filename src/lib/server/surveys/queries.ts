// Reads of the surveys module. Explicit column lists: responses are read only where a caller needs them.
import { sql, type Kysely } from 'kysely';
import { localizedText, type ContentTranslations } from '../../i18n/content';
import type { Locale } from '../../i18n';
import { questionnaireDefinition, type QuestionnaireDefinition } from '../../questionnaire/definition';
import type { DB } from '../db/types';
import type { AccessMode, SurveyLayout, SurveyStatus } from './schemas';

export type SurveyTranslations = ContentTranslations<'title' | 'intro'>;

export interface SurveyRow {
	id: string;
	consultationId: string;
	questionnaireId: string;
	title: string;
	intro: string;
	introEasy: string;
	translations: SurveyTranslations;
	accessMode: AccessMode;
	anonymous: boolean;
	layout: SurveyLayout;
	status: SurveyStatus;
	opensAt: Date | null;
	closesAt: Date | null;
	/** the area the survey is tied to (a door-to-door survey for one quarter), or null */
	areaId: string | null;
	createdBy: string | null;
	createdAt: Date;
	updatedAt: Date;
	definition: QuestionnaireDefinition;
}

const EMPTY: QuestionnaireDefinition = { version: 1, questions: [] };

/** The stored definition, parsed (a definition that no longer parses reads as empty — never thrown). */
export function parseDefinition(raw: unknown): QuestionnaireDefinition {
	const parsed = questionnaireDefinition.safeParse(raw);
	return parsed.success ? parsed.data : EMPTY;
}

function surveyQuery(db: Kysely<DB>) {
	return db
		.selectFrom('survey as s')
		.innerJoin('questionnaire as q', 'q.id', 's.questionnaire_id')
		.select([
			's.id',
			's.consultation_id',
			's.questionnaire_id',
			's.title',
			's.intro',
			's.intro_easy',
			's.translations',
			's.access_mode',
			's.area_id',
			's.anonymous',
			's.layout',
			's.status',
			's.opens_at',
			's.closes_at',
			's.created_by',
			's.created_at',
			's.updated_at',
			'q.definition'
		]);
}

type RawSurvey = Awaited<ReturnType<ReturnType<typeof surveyQuery>['executeTakeFirstOrThrow']>>;

function toSurvey(r: RawSurvey): SurveyRow {
	return {
		id: r.id,
		consultationId: r.consultation_id,
		questionnaireId: r.questionnaire_id,
		title: r.title,
		intro: r.intro,
		introEasy: r.intro_easy,
		translations: (r.translations ?? {}) as SurveyTranslations,
		accessMode: r.access_mode as AccessMode,
		anonymous: r.anonymous,
		layout: r.layout as SurveyLayout,
		status: r.status as SurveyStatus,
		opensAt: r.opens_at ? new Date(r.opens_at) : null,
		closesAt: r.closes_at ? new Date(r.closes_at) : null,
		areaId: r.area_id,
		createdBy: r.created_by,
		createdAt: new Date(r.created_at),
		updatedAt: new Date(r.updated_at),
		definition: parseDefinition(r.definition)
	};
}

/** A survey with its questionnaire; null when missing. Callers check permissions/visibility. */
export async function getSurvey(db: Kysely<DB>, id: string): Promise<SurveyRow | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const row = await surveyQuery(db).where('s.id', '=', id).executeTakeFirst();
	return row ? toSurvey(row) : null;
}

/** The surveys of a consultation, oldest first. */
export async function listSurveysOfConsultation(
	db: Kysely<DB>,
	consultationId: string
): Promise<SurveyRow[]> {
	const rows = await surveyQuery(db)
		.where('s.consultation_id', '=', consultationId)
		.orderBy('s.created_at')
		.orderBy('s.id')
		.execute();
	return rows.map(toSurvey);
}

export interface SurveyListEntry {
	id: string;
	title: string;
	status: SurveyStatus;
	consultationId: string;
	consultationSlug: string;
	consultationTitle: string;
	responses: number;
	completeResponses: number;
}

/** Every survey with its consultation and number of responses (CLI `qk survey list`, admin lists). */
export async function listSurveys(
	db: Kysely<DB>,
	filter: { consultationId?: string } = {}
): Promise<SurveyListEntry[]> {
	const rows = await db
		.selectFrom('survey as s')
		.innerJoin('consultation as c', 'c.id', 's.consultation_id')
		.select((eb) => [
			's.id',
			's.title',
			's.status',
			's.consultation_id',
			'c.slug',
			'c.title as consultation_title',
			eb
				.selectFrom('survey_response as r')
				.whereRef('r.survey_id', '=', 's.id')
				.select(sql<number>`count(*)::int`.as('n'))
				.as('responses'),
			eb
				.selectFrom('survey_response as r')
				.whereRef('r.survey_id', '=', 's.id')
				.where('r.complete', '=', true)
				.select(sql<number>`count(*)::int`.as('n'))
				.as('complete_responses')
		])
		.$if(!!filter.consultationId, (q) => q.where('s.consultation_id', '=', filter.consultationId!))
		.orderBy('s.created_at')
		.orderBy('s.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		status: r.status as SurveyStatus,
		consultationId: r.consultation_id,
		consultationSlug: r.slug,
		consultationTitle: r.consultation_title,
		responses: Number(r.responses ?? 0),
		completeResponses: Number(r.complete_responses ?? 0)
	}));
}

/** Number of responses (complete or not) — the builder refuses breaking changes once this is > 0. */
export async function countResponses(
	db: Kysely<DB>,
	surveyId: string,
	options: { completeOnly?: boolean } = {}
): Promise<number> {
	const row = await db
		.selectFrom('survey_response')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('survey_id', '=', surveyId)
		.$if(!!options.completeOnly, (q) => q.where('complete', '=', true))
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Title and intro in the reader's language (German fallback, lang marks which). */
export function localizeSurvey(s: Pick<SurveyRow, 'title' | 'intro' | 'translations'>, locale: Locale) {
	return {
		title: localizedText(s.title, s.translations, 'title', locale),
		intro: localizedText(s.intro, s.translations, 'intro', locale)
	};
}

/** Open for answers now: status open and inside opens_at … closes_at. */
export function surveyIsOpen(s: Pick<SurveyRow, 'status' | 'opensAt' | 'closesAt'>, now: Date): boolean {
	if (s.status !== 'open') return false;
	if (s.opensAt && now < s.opensAt) return false;
	if (s.closesAt && now >= s.closesAt) return false;
	return true;
}

export interface ResponseRow {
	id: string;
	surveyId: string;
	channel: string;
	answeredOn: string;
	complete: boolean;
	answers: Record<string, unknown>;
	page: number;
}

/** All responses of a survey (for results and exports). No account columns. */
export async function listResponses(
	db: Kysely<DB>,
	surveyId: string,
	options: { completeOnly?: boolean } = {}
): Promise<ResponseRow[]> {
	const rows = await db
		.selectFrom('survey_response')
		.select(['id', 'survey_id', 'channel', 'answered_on', 'complete', 'answers', 'page'])
		.where('survey_id', '=', surveyId)
		.$if(!!options.completeOnly, (q) => q.where('complete', '=', true))
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		surveyId: r.survey_id,
		channel: r.channel,
		answeredOn: String(r.answered_on).slice(0, 10),
		complete: r.complete,
		answers: (r.answers ?? {}) as Record<string, unknown>,
		page: r.page
	}));
}
