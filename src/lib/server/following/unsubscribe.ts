// One-click unsubscribe without login: the token in the mail ends one subscription (a follow row) or,
// for the person's own token, all their notification mails (delivery 'off'). A wrong or guessed
// token matches nothing and changes nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { TOKEN_PATTERN } from './tokens';

export type UnsubscribeTarget =
	{ kind: 'follow'; targetType: string; targetId: string; userId: string } | { kind: 'all'; userId: string };

/** What the token would end (for the confirmation page), or null. */
export async function findUnsubscribe(db: Kysely<DB>, token: string): Promise<UnsubscribeTarget | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const follow = await db
		.selectFrom('follow')
		.select(['user_id', 'target_type', 'target_id'])
		.where('token', '=', token)
		.executeTakeFirst();
	if (follow)
		return {
			kind: 'follow',
			targetType: follow.target_type,
			targetId: follow.target_id,
			userId: follow.user_id
		};
	const setting = await db
		.selectFrom('notification_setting')
		.select(['user_id', 'delivery'])
		.where('token', '=', token)
		.executeTakeFirst();
	return setting ? { kind: 'all', userId: setting.user_id } : null;
}

/** Ends what the token names; false when it names nothing. */
export async function unsubscribeByToken(db: Kysely<DB>, token: string, now: Date): Promise<boolean> {
	if (!TOKEN_PATTERN.test(token)) return false;
	const r = await db.deleteFrom('follow').where('token', '=', token).executeTakeFirst();
	if (Number(r.numDeletedRows) > 0) return true;
	const s = await db
		.updateTable('notification_setting')
		.set({ delivery: 'off', updated_at: now })
		.where('token', '=', token)
		.executeTakeFirst();
	return Number(s.numUpdatedRows) > 0;
}
