// Notification events: something happened to an item (status, response, a measure's progress or a new
// link). Recorded in the transaction of the change, with its targets (the item, its consultation, its
// areas and every area above them, linked items); every follower of a target gets one delivery row
// (mailed later, immediately or in the weekly digest) and an in-app notification now.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { FollowTarget } from './follow';

export interface NewEvent {
	itemType: string;
	itemId: string;
	/** i18n key of the line ("Neuer Stand: {{title}} ist zu {{progress}} % umgesetzt") */
	messageKey: string;
	params: Record<string, string>;
	path: string;
	/** Who caused it (not told about their own change); null for the system */
	actorId: string | null;
	targets: FollowTarget[];
	/** People not told at all (besides the actor). */
	excludeUserIds?: string[];
	/**
	 * People who get the mail delivery as usual but already have their own in-app notification (the
	 * outcomes service writes "Rückmeldung zu Ihrem Beitrag" for authors and supporters).
	 */
	notifiedInApp?: string[];
	at: Date;
}

/** Area targets for the given areas and every area above them (following a Stadtteil covers its Quartiere). */
export async function areaTargets(db: Kysely<DB>, areaIds: readonly string[]): Promise<FollowTarget[]> {
	if (areaIds.length === 0) return [];
	const result = await sql<{ id: string }>`
		with recursive up (id, parent_id, depth) as (
			select a.id, a.parent_id, 0 from qk.area a where a.id = any(${[...new Set(areaIds)]}::uuid[])
			union all
			select p.id, p.parent_id, up.depth + 1 from up join qk.area p on p.id = up.parent_id where up.depth < 32
		)
		select distinct id from up`.execute(db);
	return result.rows.map((r) => ({ type: 'area', id: String(r.id) }));
}

/** Returns the event id and how many people will hear about it. */
export async function recordEvent(
	db: Kysely<DB>,
	event: NewEvent
): Promise<{ eventId: string; recipients: number }> {
	const row = await db
		.insertInto('notification_event')
		.values({
			item_type: event.itemType,
			item_id: event.itemId,
			message_key: event.messageKey,
			params: JSON.stringify(event.params),
			path: event.path,
			actor_id: event.actorId,
			created_at: event.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const unique = new Map(event.targets.map((t) => [`${t.type}:${t.id}`, t]));
	if (unique.size === 0) return { eventId: row.id, recipients: 0 };
	await db
		.insertInto('notification_event_target')
		.values([...unique.values()].map((t) => ({ event_id: row.id, target_type: t.type, target_id: t.id })))
		.execute();
	const excluded = [...new Set([...(event.excludeUserIds ?? []), ...(event.actorId ? [event.actorId] : [])])];
	// Followers of any target, once each; not the excluded, not blocked accounts.
	const recipients = await db
		.selectFrom('follow as f')
		.innerJoin('notification_event_target as t', (j) =>
			j.onRef('t.target_type', '=', 'f.target_type').onRef('t.target_id', '=', 'f.target_id')
		)
		.innerJoin('app_user as u', 'u.id', 'f.user_id')
		.select('f.user_id')
		.distinct()
		.where('t.event_id', '=', row.id)
		.where('u.blocked_at', 'is', null)
		.$if(excluded.length > 0, (q) => q.where('f.user_id', 'not in', excluded))
		.execute();
	if (recipients.length === 0) return { eventId: row.id, recipients: 0 };
	await db
		.insertInto('notification_delivery')
		.values(recipients.map((r) => ({ event_id: row.id, user_id: r.user_id })))
		.execute();
	const inApp = new Set(event.notifiedInApp ?? []);
	const inAppRecipients = recipients.filter((r) => !inApp.has(r.user_id));
	if (inAppRecipients.length === 0) return { eventId: row.id, recipients: recipients.length };
	await db
		.insertInto('notification')
		.values(
			inAppRecipients.map((r) => ({
				user_id: r.user_id,
				item_type: event.itemType,
				item_id: event.itemId,
				message_key: event.messageKey,
				params: JSON.stringify(event.params),
				path: event.path,
				created_at: event.at
			}))
		)
		.execute();
	return { eventId: row.id, recipients: recipients.length };
}

/**
 * "Neues aus meinem Quartier": something new was published (an idea, a consultation, survey results).
 * One event for the followers of its consultation and of its areas (and the areas above them), only
 * when the item is public now (hidden, pending and unpublished items tell no one); never to the
 * person who published it, nor to its author (excludeUserIds). Returns how many will hear of it.
 */
export async function recordNewsEvent(
	db: Kysely<DB>,
	news: {
		item: { itemType: string; id: string; title: string; path: string; areaIds: readonly string[] };
		consultationId: string | null;
		messageKey: string;
		actorId: string | null;
		excludeUserIds?: string[];
		at: Date;
	}
): Promise<number> {
	const { item } = news;
	const r = await recordEvent(db, {
		itemType: item.itemType,
		itemId: item.id,
		messageKey: news.messageKey,
		params: { title: item.title },
		path: item.path,
		actorId: news.actorId,
		targets: [
			...(news.consultationId && item.itemType !== 'consultation'
				? [{ type: 'consultation', id: news.consultationId }]
				: []),
			...(await areaTargets(db, item.areaIds))
		],
		excludeUserIds: news.excludeUserIds,
		at: news.at
	});
	return r.recipients;
}
