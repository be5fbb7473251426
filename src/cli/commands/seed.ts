import { DemoSeedError, removeDemo, seedDemo } from '../../lib/server/demo';
import { createStorage } from '../../lib/server/storage';
import { CliError, withDatabase, type CliCommand } from '../command';

export const seedDemoCommand: CliCommand = {
	name: 'seed demo',
	summary:
		'Lädt die fiktive Demo-Stadt „Musterstadt“ (nur eingebettete Datenbank, nie in Produktion); --remove löscht alle Demo-Daten.',
	usage: 'qk seed demo [--remove]',
	async run(args, io) {
		const unknown = args.filter((a) => a !== '--remove');
		if (unknown.length)
			throw new CliError(`Unbekannte Angabe: ${unknown.join(' ')}. Aufruf: qk seed demo [--remove]`);
		if (args.includes('--remove')) {
			// Allowed everywhere: demo rows may have travelled to a server with a backup.
			await withDatabase(io.config, (database) => removeDemo(database));
			io.out('Alle Demo-Daten (Gebiete, Ebenen, Träger, Demo-Konten) wurden gelöscht.');
			return 0;
		}
		if (io.config.databaseUrl || io.config.production)
			throw new CliError(
				'Die Demo-Stadt wird nur in die eingebettete Datenbank geladen – nie, wenn DATABASE_URL gesetzt ist oder NODE_ENV=production gilt.'
			);
		try {
			const storage = await createStorage(io.config);
			const result = await withDatabase(io.config, (database) => seedDemo(database, undefined, storage));
			io.out(
				`Demo-Stadt „Musterstadt“ geladen: ${result.areas} Gebiete, ${result.users} Demo-Konten. Die Zugangsdaten stehen auf der Anmeldeseite.`
			);
			return 0;
		} catch (e) {
			if (e instanceof DemoSeedError) throw new CliError(e.message);
			throw e;
		}
	}
};
