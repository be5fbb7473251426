// Demo surveys (filled in below): data only.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export async function insertDemoSurveys(_trx: Kysely<DB>, _now: Date): Promise<void> {}

export async function deleteDemoSurveys(trx: Kysely<DB>): Promise<void> {
	await trx.deleteFrom('survey').where('is_demo', '=', true).execute();
}
