import fs from 'node:fs';
import path from 'node:path';
import { BackupError, createBackup, type BackupSummary } from '../../lib/server/backup';
import { createStorage } from '../../lib/server/storage';
import { CliError, withDatabase, type CliCommand } from '../command';

export function formatBytes(bytes: number): string {
	const units = ['Byte', 'kB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value.toLocaleString('de-DE', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function describeSummary(summary: BackupSummary): string {
	const rows = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);
	const tables = Object.keys(summary.rowCounts).length;
	return `${rows} Zeilen aus ${tables} Tabellen, ${summary.uploadCount} Datei(en) (${formatBytes(summary.uploadBytes)}), Datenbankstand ${summary.schemaVersion}`;
}

export const backupCommand: CliCommand = {
	name: 'backup',
	summary:
		'Sichert Datenbank und hochgeladene Dateien in eine Datei (gzip, portabel zwischen eingebetteter Datenbank und PostgreSQL).',
	usage: 'qk backup DATEI',
	async run(args, io) {
		if (args.length !== 1 || args[0].startsWith('-'))
			throw new CliError(
				'Bitte genau eine Zieldatei angeben, z. B. „qk backup sicherung-2026-11-23.qkbackup.gz“.'
			);
		const file = path.resolve(args[0]);
		if (fs.existsSync(file))
			throw new CliError(
				`Die Datei ${file} gibt es schon. Wählen Sie einen neuen Dateinamen – Sicherungen werden nie überschrieben.`
			);
		if (!fs.existsSync(path.dirname(file)))
			throw new CliError(`Den Ordner ${path.dirname(file)} gibt es nicht.`);
		const storage = await createStorage(io.config);
		const started = Date.now();
		try {
			// No migrate: the backup records the schema exactly as it is.
			const summary = await withDatabase(io.config, (database) => createBackup(database, storage, file), {
				migrate: false
			});
			const size = (fs.statSync(file).size / 1024 / 1024).toLocaleString('de-DE', {
				maximumFractionDigits: 1
			});
			io.out(`Sicherung geschrieben: ${file} (${size} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
			io.out(`Inhalt: ${describeSummary(summary)}.`);
			io.out(
				'Anmeldungen (Sitzungen) werden nicht gesichert – nach einer Wiederherstellung melden sich alle neu an.'
			);
			return 0;
		} catch (e) {
			if (e instanceof BackupError) throw new CliError(e.message);
			throw e;
		}
	}
};
