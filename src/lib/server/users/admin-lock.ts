import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

/**
 * Locks every global admin grant for the rest of the transaction, so two admins removing each other
 * at the same moment cannot both succeed and leave nobody to run the platform.
 */
export async function lockAdminGrants(trx: Kysely<DB>): Promise<void> {
	await trx
		.selectFrom('role_grant')
		.select('id')
		.where('role', '=', 'admin')
		.where('scope_type', '=', 'global')
		.forUpdate()
		.execute();
}
