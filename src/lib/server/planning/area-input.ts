// The planner's area view (issue 12): one area's indicators with its index class and the city average
// (the Sozialraumprofil's own code), next to everything residents said there and what came of it —
// every module's entries through the registry (plannerInput: map comments and workshop results by
// category and channel, ideas with their status, survey free texts of respondents from the area the
// viewer may read, documented workshops, measures with progress), in one list with German full-text
// search, filters (consultation, period, channel) and pages — and the published survey results broken
// down for the area, recomputed for the same filters. Aggregates pass the small-number rule.
import type { Kysely } from 'kysely';
import { areaAndDescendantIds } from '../areas';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { loadConsultationRef } from '../consultations/ref';
import type { Locale } from '../../i18n';
import {
	mergeCategoryCounts,
	protectCategoryCounts,
	type ShownCategoryCount
} from '../../planning/categories';
import type { SuppressionRules } from '../../stats/suppression';
import type { AppConfig } from '../config';
import { readConfig } from '../config';
import type { DB } from '../db/types';
import { loadProfile, suppressionRules, type ProfileView } from '../monitoring';
import type { PlannerInputEntry } from '../participation/component';
import { registry as appRegistry, type Registry } from '../participation/registry';
import { publishedForArea } from '../survey-results';
import type { PublishedResults } from '../../survey-results/types';

export const AREA_INPUT_PAGE_SIZE = 20;
/** Deeper than this the list is not paged (narrow the search instead). */
export const AREA_INPUT_MAX = 1000;

export interface AreaInputQuery {
	areaId: string;
	consultationId?: string;
	from?: Date;
	to?: Date;
	channel?: string;
	q?: string;
	page?: number;
}

export interface AreaInput {
	area: { id: string; key: string; name: string; levelKey: string; levelName: string };
	/** indicators with index class and city average; null when the monitoring has no such area */
	profile: ProfileView | null;
	categories: {
		rows: ShownCategoryCount[];
		total: { online: number | null; analog: number | null; total: number | null };
	};
	entries: PlannerInputEntry[];
	total: number;
	page: number;
	pageCount: number;
	/** published results of surveys with respondents from the area, for the chosen filters */
	surveyResults: PublishedResults[];
	consultations: { id: string; slug: string; title: string }[];
}

export interface AreaInputOptions {
	rules?: SuppressionRules;
	config?: Pick<AppConfig, 'smallAreaPopulation' | 'smallCountK'>;
	locale?: Locale;
	t?: (key: string, params?: Record<string, unknown>) => string;
	registry?: Registry;
	pageSize?: number;
	/**
	 * Who is looking: survey free texts only of consultations whose results they may read
	 * (surveys.results). Absent = nobody: no free texts.
	 */
	actor?: Actor | null;
}

export async function areaInput(
	db: Kysely<DB>,
	input: AreaInputQuery,
	options: AreaInputOptions = {}
): Promise<AreaInput | null> {
	const config = options.config ?? readConfig();
	const rules = options.rules ?? suppressionRules(config);
	const registry = options.registry ?? appRegistry;
	const pageSize = options.pageSize ?? AREA_INPUT_PAGE_SIZE;
	const area = await db
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.select(['a.id', 'a.key', 'a.name', 'l.key as level_key', 'l.name as level_name'])
		.where('a.id', '=', input.areaId)
		.executeTakeFirst();
	if (!area) return null;
	const channel: 'online' | 'analog' | undefined =
		input.channel === 'online' || input.channel === 'analog' ? input.channel : undefined;
	const q = input.q?.trim() || undefined;
	const maxPage = Math.max(1, Math.ceil(AREA_INPUT_MAX / pageSize));
	const page = Math.max(1, Math.min(Math.floor(input.page ?? 1), maxPage));
	const [areaIds, readableConsultationIds] = await Promise.all([
		areaAndDescendantIds(db, area.id),
		consultationsWithReadableTexts(db, area.id, options.actor ?? null)
	]);
	const filter = {
		consultationId: input.consultationId,
		from: input.from,
		to: input.to,
		channel,
		q,
		limit: page * pageSize,
		readableConsultationIds,
		minCount: rules.minCount,
		areaIds
	};
	const hooks = await registry.hooks();
	const [lists, profile, surveyResults, consultations] = await Promise.all([
		Promise.all(hooks.map(({ hooks: h }) => h.plannerInput?.(db, area.id, filter) ?? null)),
		loadProfile(db, rules, area.key, { ebene: area.level_key, jahr: undefined }, { locale: options.locale }),
		publishedForArea(
			{ db, locale: options.locale ?? 'de', t: options.t as never, config: config as AppConfig },
			area.id,
			{ consultationId: input.consultationId, from: input.from, to: input.to, channel }
		),
		db
			.selectFrom('consultation as c')
			.select(['c.id', 'c.slug', 'c.title'])
			.where('c.status', '!=', 'draft')
			.orderBy('c.title')
			.execute()
	]);
	const present = lists.filter((l): l is NonNullable<typeof l> => l !== null);
	const entries = present
		.flatMap((l) => l.entries)
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.itemId.localeCompare(b.itemId));
	const total = present.reduce((s, l) => s + l.total, 0);
	const start = (page - 1) * pageSize;
	return {
		area: {
			id: area.id,
			key: area.key,
			name: area.name,
			levelKey: area.level_key,
			levelName: area.level_name
		},
		profile,
		categories: protectCategoryCounts(
			mergeCategoryCounts(present.flatMap((l) => l.byCategory ?? [])),
			rules.minCount
		),
		entries: entries.slice(start, start + pageSize),
		total,
		page,
		pageCount: Math.min(maxPage, Math.max(1, Math.ceil(total / pageSize))),
		surveyResults,
		consultations
	};
}

/**
 * The consultations whose surveys have respondents from the area and whose results the actor may read
 * (surveys.results: whoever manages the consultation — global planners, planners covering all its
 * areas, admins). Decided here, on the server, per consultation.
 */
async function consultationsWithReadableTexts(
	db: Kysely<DB>,
	areaId: string,
	actor: Actor | null
): Promise<string[]> {
	if (!actor) return [];
	const rows = await db
		.selectFrom('survey as s')
		.select('s.consultation_id')
		.distinct()
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('survey_response as r')
					.innerJoin('survey_response_area as a', 'a.response_id', 'r.id')
					.select('r.id')
					.whereRef('r.survey_id', '=', 's.id')
					.where('a.area_id', '=', areaId)
			)
		)
		.execute();
	const refs = await Promise.all(rows.map((r) => loadConsultationRef(db, { id: r.consultation_id })));
	return refs
		.filter((ref) => ref !== null && can(actor, 'surveys.results', ref.subject))
		.map((ref) => ref!.id);
}
