// qk events reminders | qk events retention: the events module's scheduled jobs, run by hand (the app
// also runs both hourly).
import { runRetention, sendReminders } from '../../lib/server/events/jobs';
import { purgeOutbox } from '../../lib/server/mail';
import { CliError, withDatabase, type CliCommand } from '../command';

export const eventsRemindersCommand: CliCommand = {
	name: 'events reminders',
	summary:
		'Verschickt die Erinnerungen an alle, die für einen Termin in den nächsten 24 Stunden angemeldet sind.',
	usage: 'qk events reminders',
	async run(_args, io) {
		const r = await withDatabase(io.config, (database) =>
			sendReminders(database.db, new Date(), io.config.origin)
		);
		io.out(`${r.mails} Erinnerung(en) für ${r.dates} Termin(e) in den Postausgang gelegt.`);
		return 0;
	}
};

export const eventsRetentionCommand: CliCommand = {
	name: 'events retention',
	summary:
		'Anonymisiert Anmeldedaten von Terminen, die länger als EVENT_RETENTION_DAYS Tage (Standard 183) vorbei sind, und löscht Mails, die älter als MAIL_RETENTION_DAYS Tage sind, aus dem Postausgang.',
	usage: 'qk events retention [--days N]',
	async run(args, io) {
		let days = io.config.eventRetentionDays;
		const i = args.indexOf('--days');
		if (i >= 0) {
			days = Number(args[i + 1]);
			if (!Number.isInteger(days) || days < 1) throw new CliError('--days braucht eine ganze Zahl ≥ 1.');
		}
		const r = await withDatabase(io.config, async (database) => {
			const now = new Date();
			const done = await runRetention(database.db, now, days);
			return { ...done, mails: await purgeOutbox(database.db, now, io.config.mailRetentionDays) };
		});
		io.out(
			`${r.registrations} Anmeldung(en) anonymisiert, ${r.pollResponses} Terminumfrage-Antwort(en) gelöscht, ${r.mails} Mail(s) aus dem Postausgang gelöscht.`
		);
		return 0;
	}
};
