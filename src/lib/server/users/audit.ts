import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	details?: Record<string, unknown>;
	at: Date;
}

/** One row in qk.audit_log; call inside the command's transaction. */
export async function writeAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			action: entry.action,
			subject_type: entry.subjectType,
			subject_id: entry.subjectId,
			details: JSON.stringify(entry.details ?? {}),
			created_at: entry.at
		})
		.execute();
}
