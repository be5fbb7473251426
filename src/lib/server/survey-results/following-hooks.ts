// Published survey results in measures, following and "Was passiert in meinem Quartier?" (issue 10):
// a survey counts as a public item only once its results are published and its consultation is
// public; it appears in the roll-up of its consultation's areas, newest publication first, linking to
// the published results on the consultation page.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { AreaActivityEntry, ItemSummaryAdapter } from '../participation/component';

export const SURVEY_ITEM = 'survey';
const KIND = 'surveysResults.kind.survey';
const PUBLIC = ['published', 'closed', 'archived'] as const;

/** Where a survey's published results are shown (the consultation page, anchored at the results). */
export const surveyResultsPath = (slug: string, surveyId: string) => `/beteiligung/${slug}#pub-${surveyId}`;

function published(db: Kysely<DB>) {
	return db
		.selectFrom('survey_publication as p')
		.innerJoin('survey as s', 's.id', 'p.survey_id')
		.innerJoin('consultation as c', 'c.id', 's.consultation_id')
		.where('c.status', 'in', [...PUBLIC]);
}

export const surveySummaries: ItemSummaryAdapter = {
	itemType: SURVEY_ITEM,
	kindKey: KIND,
	async summaries(db, itemIds) {
		const ids = itemIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
		if (ids.length === 0) return new Map();
		const rows = await published(db)
			.select(['s.id', 's.title', 's.consultation_id', 'c.slug'])
			.where('s.id', 'in', ids)
			.execute();
		const areas = rows.length
			? await db
					.selectFrom('consultation_area')
					.select(['consultation_id', 'area_id'])
					.where('consultation_id', 'in', [...new Set(rows.map((r) => r.consultation_id))])
					.execute()
			: [];
		return new Map(
			rows.map((r) => [
				r.id,
				{
					itemType: SURVEY_ITEM,
					id: r.id,
					title: r.title,
					path: surveyResultsPath(r.slug, r.id),
					consultationId: r.consultation_id,
					areaIds: areas.filter((a) => a.consultation_id === r.consultation_id).map((a) => a.area_id)
				}
			])
		);
	}
};

/** Surveys with published results whose consultation concerns these areas, newest publication first. */
export async function surveyAreaActivity(
	db: Kysely<DB>,
	areaIds: readonly string[],
	options: { limit: number; since?: Date }
): Promise<AreaActivityEntry[]> {
	if (areaIds.length === 0) return [];
	const rows = await published(db)
		.select(['s.id', 's.title', 'c.slug', 'p.published_at'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('consultation_area as ca')
					.select('ca.area_id')
					.whereRef('ca.consultation_id', '=', 's.consultation_id')
					.where('ca.area_id', 'in', [...areaIds])
			)
		)
		.$if(!!options.since, (q) => q.where('p.published_at', '>=', options.since!))
		.orderBy('p.published_at', 'desc')
		.orderBy('s.id')
		.limit(options.limit)
		.execute();
	return rows.map((r) => ({
		itemType: SURVEY_ITEM,
		itemId: r.id,
		kindKey: KIND,
		title: r.title,
		path: surveyResultsPath(r.slug, r.id),
		at: new Date(r.published_at),
		statusKey: 'surveysResults.kind.resultsPublished'
	}));
}
