import fs from 'node:fs';
import path from 'node:path';
import { BackupError, restoreBackup } from '../../lib/server/backup';
import { createStorage } from '../../lib/server/storage';
import { CliError, withDatabase, type CliCommand } from '../command';
import { describeSummary } from './backup';

export const restoreCommand: CliCommand = {
	name: 'restore',
	summary:
		'Spielt eine Sicherung in die konfigurierte, leere Datenbank ein (neuer DATA_DIR oder leere DATABASE_URL) – auch von der eingebetteten Datenbank auf einen Server.',
	usage: 'qk restore DATEI',
	async run(args, io) {
		if (args.length !== 1 || args[0].startsWith('-'))
			throw new CliError(
				'Bitte genau eine Sicherungsdatei angeben, z. B. „qk restore sicherung.qkbackup.gz“.'
			);
		const file = path.resolve(args[0]);
		if (!fs.existsSync(file)) throw new CliError(`Die Sicherungsdatei ${file} gibt es nicht.`);
		const storage = await createStorage(io.config);
		const target = io.config.databaseUrl
			? 'die PostgreSQL-Datenbank (DATABASE_URL)'
			: `den Datenordner ${io.config.dataDir}`;
		const started = Date.now();
		try {
			// restoreBackup migrates itself: first to the backup's version, after the data to the latest.
			const result = await withDatabase(io.config, (database) => restoreBackup(database, storage, file), {
				migrate: false
			});
			const seconds = ((Date.now() - started) / 1000).toLocaleString('de-DE', { maximumFractionDigits: 1 });
			io.out(`Sicherung eingespielt in ${target} (${seconds} s).`);
			io.out(`Inhalt: ${describeSummary(result)}. Datenbankstand jetzt ${result.currentVersion}.`);
			return 0;
		} catch (e) {
			if (e instanceof BackupError) throw new CliError(e.message);
			throw e;
		}
	}
};
