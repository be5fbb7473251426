// qk — the Quartierskompass command line. Commands are added in src/cli/commands/.
import { readConfig } from '../lib/server/config';
import { openDatabase } from '../lib/server/db/connection';
import { migrate } from '../lib/server/db/migrate';

const [command] = process.argv.slice(2);
if (command === 'migrate') {
	const config = readConfig();
	const database = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		lockRole: 'cli'
	});
	try {
		const result = await migrate(database);
		console.log(`Migrationen angewendet: ${result.applied.length}; Stand: ${result.current}`);
	} finally {
		await database.close();
	}
} else {
	console.log('Aufruf: qk migrate');
	process.exit(command === '--help' ? 0 : 1);
}
