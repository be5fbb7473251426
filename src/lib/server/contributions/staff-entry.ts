// Staff (analog) entry: what managers collected on paper, in interviews, workshops, by phone, at an
// information stand or on a neighbourhood walk. The writing itself is createContribution with an
// analog channel (it re-checks the manager permission); this file holds the page's own input
// check and what it reads back (how many this person entered, the latest ones).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/types';
import { ANALOG_CHANNELS } from './schemas';

const E = 'contributions.errors.';

/** The staff form's own fields; the rest is CreateContributionInput. Online is not an analog channel. */
export const StaffEntryFields = z.object({
	channel: z.enum(ANALOG_CHANNELS, { error: `${E}channelInvalid` }),
	collectedOn: z.iso.date({ error: `${E}dateRequired` })
});

export interface StaffEntry {
	id: string;
	body: string;
	channel: string;
	collectedOn: string | null;
	categoryName: string | null;
	areaKeys: string[];
}

/** How many analog contributions this person entered in the consultation, and the latest few. */
export async function listEnteredBy(
	db: Kysely<DB>,
	consultationId: string,
	userId: string,
	limit = 5
): Promise<{ total: number; recent: StaffEntry[] }> {
	const base = db
		.selectFrom('contribution as c')
		.where('c.consultation_id', '=', consultationId)
		.where('c.entered_by', '=', userId)
		.where('c.parent_id', 'is', null)
		.where('c.status', '!=', 'deleted');
	const [count, rows] = await Promise.all([
		base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst(),
		base
			.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
			.select(['c.id', 'c.body', 'c.channel', 'c.collected_on', 'c.area_keys', 'k.name as category_name'])
			.orderBy('c.created_at', 'desc')
			.orderBy('c.id', 'desc')
			.limit(limit)
			.execute()
	]);
	return {
		total: Number(count?.n ?? 0),
		recent: rows.map((r) => ({
			id: r.id,
			body: r.body,
			channel: r.channel,
			collectedOn: r.collected_on ? String(r.collected_on).slice(0, 10) : null,
			categoryName: r.category_name,
			areaKeys: r.area_keys
		}))
	};
}
