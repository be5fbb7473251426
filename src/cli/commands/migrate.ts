import { migrate } from '../../lib/server/db/migrate';
import { withDatabase, type CliCommand } from '../command';

export const migrateCommand: CliCommand = {
	name: 'migrate',
	summary: 'Wendet ausstehende Datenbank-Migrationen an (supabase/migrations).',
	usage: 'qk migrate',
	async run(_args, io) {
		const result = await withDatabase(io.config, (database) => migrate(database), { migrate: false });
		io.out(
			result.applied.length
				? `${result.applied.length} Migration(en) angewendet: ${result.applied.join(', ')}. Stand: ${result.current}`
				: `Die Datenbank ist aktuell (Stand: ${result.current}).`
		);
		return 0;
	}
};
