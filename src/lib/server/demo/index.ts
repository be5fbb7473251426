// Demo city "Musterstadt". Filled in by the demo work; startApp calls seedDemoIfEmpty.
import type { Database } from '../db/connection';

export async function seedDemoIfEmpty(_database: Database): Promise<boolean> {
	return false;
}
