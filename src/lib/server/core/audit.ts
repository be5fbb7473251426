// The one audit writer: a row in qk.audit_log, inside the command's transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	subjectType?: string | null;
	subjectId?: string | null;
	details?: object;
	at?: Date;
}

export async function writeAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			action: entry.action,
			subject_type: entry.subjectType ?? null,
			subject_id: entry.subjectId ?? null,
			details: JSON.stringify(entry.details ?? {}),
			...(entry.at ? { created_at: entry.at } : {})
		})
		.execute();
}
