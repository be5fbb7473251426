import { runNotificationDigest } from '../../lib/server/following';
import { CliError, withDatabase, type CliCommand } from '../command';

export const notificationsDigestCommand: CliCommand = {
	name: 'notifications digest',
	summary:
		'Versendet fällige Benachrichtigungen (sofort oder als Wochenzusammenfassung, höchstens eine Mail pro Person und Tag) in den Postausgang.',
	usage: 'qk notifications digest',
	async run(args, io) {
		if (args.length)
			throw new CliError(`Unbekannte Angabe: ${args.join(' ')}. Aufruf: qk notifications digest`);
		const r = await withDatabase(io.config, (database) =>
			runNotificationDigest(database.db, { origin: io.config.origin })
		);
		io.out(
			`Benachrichtigungen: ${r.mailed} Mail(s) in den Postausgang gelegt, ${r.people} Person(en) mit wartenden Neuigkeiten, ${r.dropped} nicht mehr öffentliche Neuigkeit(en) verworfen.`
		);
		return 0;
	}
};
