// Following (Folgen): a person follows an item of any module (item_type, item_id), a consultation or
// an area. Plain reads and writes of qk.follow and qk.notification_setting; no registry here (the
// modules' commands call followItem, and the registry lists the modules).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/types';
import { newUnsubscribeToken } from './tokens';

export interface FollowTarget {
	type: string;
	id: string;
}

export type Delivery = 'immediate' | 'weekly' | 'off';

export interface NotificationSettings {
	delivery: Delivery;
	autoFollow: boolean;
}

export const DEFAULT_SETTINGS: NotificationSettings = { delivery: 'weekly', autoFollow: true };

export async function getNotificationSettings(db: Kysely<DB>, userId: string): Promise<NotificationSettings> {
	const row = await db
		.selectFrom('notification_setting')
		.select(['delivery', 'auto_follow'])
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row ? { delivery: row.delivery as Delivery, autoFollow: row.auto_follow } : { ...DEFAULT_SETTINGS };
}

/** Creates the person's settings row (with their unsubscribe token) if missing; returns the token. */
export async function ensureSettingsRow(db: Kysely<DB>, userId: string, now: Date): Promise<string> {
	await db
		.insertInto('notification_setting')
		.values({ user_id: userId, token: newUnsubscribeToken(), updated_at: now })
		.onConflict((oc) => oc.column('user_id').doNothing())
		.execute();
	const row = await db
		.selectFrom('notification_setting')
		.select('token')
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
	return row.token;
}

export async function saveNotificationSettings(
	db: Kysely<DB>,
	userId: string,
	settings: NotificationSettings,
	now: Date
): Promise<void> {
	await ensureSettingsRow(db, userId, now);
	await db
		.updateTable('notification_setting')
		.set({ delivery: settings.delivery, auto_follow: settings.autoFollow, updated_at: now })
		.where('user_id', '=', userId)
		.execute();
}

/**
 * Follows the target. auto: the app does it for the person (author or supporter of an idea), only
 * when their setting "automatisch folgen" is on (an unfollow deletes the row; the setting is how a
 * person stops automatic following for good). Returns true when the person follows it now.
 */
export async function followItem(
	db: Kysely<DB>,
	userId: string,
	target: FollowTarget,
	options: { auto?: boolean; now?: Date } = {}
): Promise<boolean> {
	const now = options.now ?? new Date();
	if (options.auto) {
		const settings = await getNotificationSettings(db, userId);
		if (!settings.autoFollow) return false;
	}
	await db
		.insertInto('follow')
		.values({
			user_id: userId,
			target_type: target.type,
			target_id: target.id,
			auto: options.auto ?? false,
			token: newUnsubscribeToken(),
			created_at: now
		})
		.onConflict((oc) => oc.columns(['user_id', 'target_type', 'target_id']).doNothing())
		.execute();
	return true;
}

/** Ends an automatic follow (a support withdrawn); a follow the person chose themselves stays. */
export async function unfollowAuto(db: Kysely<DB>, userId: string, target: FollowTarget): Promise<void> {
	await db
		.deleteFrom('follow')
		.where('user_id', '=', userId)
		.where('target_type', '=', target.type)
		.where('target_id', '=', target.id)
		.where('auto', '=', true)
		.execute();
}

/** Stops following; true when there was something to stop. */
export async function unfollow(db: Kysely<DB>, userId: string, target: FollowTarget): Promise<boolean> {
	const r = await db
		.deleteFrom('follow')
		.where('user_id', '=', userId)
		.where('target_type', '=', target.type)
		.where('target_id', '=', target.id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export async function isFollowing(
	db: Kysely<DB>,
	userId: string | null,
	target: FollowTarget
): Promise<boolean> {
	if (!userId) return false;
	const row = await db
		.selectFrom('follow')
		.select('id')
		.where('user_id', '=', userId)
		.where('target_type', '=', target.type)
		.where('target_id', '=', target.id)
		.executeTakeFirst();
	return !!row;
}

export interface FollowRow {
	id: string;
	targetType: string;
	targetId: string;
	auto: boolean;
	createdAt: Date;
}

export async function listFollowRows(db: Kysely<DB>, userId: string): Promise<FollowRow[]> {
	const rows = await db
		.selectFrom('follow')
		.select(['id', 'target_type', 'target_id', 'auto', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(500)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		targetType: r.target_type,
		targetId: r.target_id,
		auto: r.auto,
		createdAt: new Date(r.created_at)
	}));
}

export async function countFollowers(db: Kysely<DB>, target: FollowTarget): Promise<number> {
	const row = await db
		.selectFrom('follow')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('target_type', '=', target.type)
		.where('target_id', '=', target.id)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
