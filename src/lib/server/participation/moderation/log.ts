// The moderation log: every moderation action on any module's item, inside the action's transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';

export type LogAction =
	'approve' | 'hide' | 'restore' | 'auto_hide' | 'dismiss_reports' | 'block_user' | 'unblock_user';

export async function logModeration(
	trx: Kysely<DB>,
	entry: {
		consultationId: string;
		item?: { itemType: string; id: string } | null;
		targetUserId?: string | null;
		actorId: string | null;
		action: LogAction;
		reason?: string | null;
		at: Date;
	}
): Promise<void> {
	await trx
		.insertInto('moderation_log')
		.values({
			consultation_id: entry.consultationId,
			item_type: entry.item?.itemType ?? null,
			item_id: entry.item?.id ?? null,
			target_user_id: entry.targetUserId ?? null,
			actor_id: entry.actorId,
			action: entry.action,
			reason: entry.reason || null,
			created_at: entry.at
		})
		.execute();
}
