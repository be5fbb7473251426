// Outreach suggestions (issue 12): the reach rows of a level through the pure rule
// (lib/planning/outreach.ts), with the door-to-door survey link pointing at the newest open
// consultation of the area (or an area above it) that has surveys switched on.
import { sql, type Kysely } from 'kysely';
import { outreachSuggestions, type OutreachSuggestion } from '../../planning/outreach';
import type { DB } from '../db/types';
import { reachByArea, type ReachInput, type ReachOptions } from './reach';

export type { OutreachSuggestion } from '../../planning/outreach';

/** The newest non-draft consultation with surveys that concerns the area (itself or an area above it). */
async function surveyConsultationSlug(db: Kysely<DB>, areaId: string): Promise<string | null> {
	const row = await sql<{ slug: string }>`
		with recursive up (id, parent_id, depth) as (
			select a.id, a.parent_id, 0 from qk.area a where a.id = ${areaId}::uuid
			union all
			select p.id, p.parent_id, up.depth + 1 from up join qk.area p on p.id = up.parent_id where up.depth < 32
		)
		select c.slug from qk.consultation c
		where c.status <> 'draft' and c.status <> 'closed' and 'surveys' = any(c.modules)
			and exists (select 1 from qk.consultation_area ca join up on up.id = ca.area_id where ca.consultation_id = c.id)
		order by c.updated_at desc limit 1`.execute(db);
	return row.rows[0]?.slug ?? null;
}

export async function outreachFor(
	db: Kysely<DB>,
	input: ReachInput,
	options: ReachOptions = {}
): Promise<OutreachSuggestion[]> {
	const rows = await reachByArea(db, input, options);
	const candidates = outreachSuggestions(rows);
	const surveyPaths = new Map<string, string | null>();
	for (const c of candidates) {
		const slug = await surveyConsultationSlug(db, c.areaId);
		surveyPaths.set(c.areaId, slug ? `/beteiligung/${slug}/befragung` : null);
	}
	return outreachSuggestions(rows, { surveyPaths });
}
