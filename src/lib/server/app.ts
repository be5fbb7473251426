// Process-wide resources (connection pool, storage driver). Request state never lives here.
import { randomBytes } from 'node:crypto';
import { readConfig, type AppConfig } from './config';
import { openDatabase, type Database } from './db/connection';
import { migrate } from './db/migrate';
import { resumePublications } from './indicators/publication';
import { seedDemoIfEmpty } from './demo';
import { startAuthMaintenance } from './auth/maintenance';
import { startNotificationDigest } from './following';
import { startMailSender } from './mail';
import { createStorage, type Storage } from './storage';
import { startUploadMaintenance } from './uploads/orphans';
import { startEventJobs } from './events/jobs';

export interface AppState {
	config: AppConfig;
	database: Database;
	storage: Storage;
	secret: string;
	demoMode: boolean;
}

let state: AppState | undefined;
let starting: Promise<AppState> | undefined;

/** The app's HMAC secret, created once and shared by all app nodes through the database. */
export async function ensureSecret(database: Database): Promise<string> {
	const { db } = database;
	await db
		.insertInto('app_setting')
		.values({ key: 'secret', value: JSON.stringify(randomBytes(32).toString('hex')) })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db
		.selectFrom('app_setting')
		.select('value')
		.where('key', '=', 'secret')
		.executeTakeFirstOrThrow();
	return row.value as string;
}

export async function isDemoLoaded(database: Database): Promise<boolean> {
	const row = await database.db
		.selectFrom('area')
		.select('id')
		.where('is_demo', '=', true)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

export function startApp(config: AppConfig = readConfig()): Promise<AppState> {
	starting ??= (async () => {
		const database = await openDatabase({
			databaseUrl: config.databaseUrl,
			dataDir: config.dataDir,
			lockRole: 'server',
			lockUrl: config.origin
		});
		await migrate(database);
		// An indicator import the last process did not finish publishing is finished now.
		await resumePublications(database.db, { staleAfterSeconds: database.kind === 'pglite' ? 0 : 60 });
		const storage = await createStorage(config);
		if (config.seedDemo) await seedDemoIfEmpty(database, storage);
		const secret = await ensureSecret(database);
		const demoMode = !config.databaseUrl && !config.production && (await isDemoLoaded(database));
		state = { config, database, storage, secret, demoMode };
		// Background work (unref'd timers; safe on several nodes): expired auth rows, upload files
		// without a row and stale temp files (older than an hour), and the outbox sender when
		// SMTP_URL is set (otherwise admins read mails at /admin/postausgang).
		const stopMaintenance = startAuthMaintenance(database.db);
		const stopUploadMaintenance = startUploadMaintenance(database.db, storage);
		const stopMailSender = startMailSender(database, config);
		// Notification mails (issue 10): hourly; the digest rules decide who is due.
		const stopDigest = startNotificationDigest(database.db, config.origin);
		// Events: reminders the day before, registration data anonymised EVENT_RETENTION_DAYS after the
		// date, mails older than MAIL_RETENTION_DAYS removed from the outbox (hourly).
		const stopEventJobs = startEventJobs(database.db, config);
		const shutdown = async () => {
			stopMaintenance();
			stopUploadMaintenance();
			stopMailSender();
			stopDigest();
			stopEventJobs();
			await database.close().catch(() => {});
		};
		// adapter-node emits this after closing the HTTP server (SIGTERM/SIGINT).
		process.once('sveltekit:shutdown' as 'exit', () => void shutdown());
		return state;
	})();
	return starting;
}

export function getApp(): AppState {
	if (!state) throw new Error('App not started');
	return state;
}
