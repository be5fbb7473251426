// Runtime configuration from the environment. Read through a local alias so bundlers never
// inline build-time values (process.env.NODE_ENV would otherwise be frozen at build).
import path from 'node:path';

const env = process.env;

export interface AppConfig {
	databaseUrl: string | undefined;
	dataDir: string;
	port: number;
	origin: string;
	smtpUrl: string | undefined;
	mailFrom: string;
	tileUrl: string | undefined;
	tileAttribution: string | undefined;
	/** Nominatim-compatible search endpoint for address → point (server-side only). */
	geocoderUrl: string | undefined;
	/** Proof-of-work difficulty (bits) for anonymous posts; 0 = off. */
	proofOfWorkBits: number;
	seedDemo: boolean;
	production: boolean;
	supabaseUrl: string | undefined;
	supabaseServiceKey: string | undefined;
	supabaseBucket: string;
	smallAreaPopulation: number;
	smallCountK: number;
	/** Reports from accounts younger than this (hours) are kept but do not count toward auto-hide. */
	reportMinAccountAgeHours: number;
	/** Largest request body in bytes, as adapter-node reads BODY_SIZE_LIMIT (Infinity = none). */
	bodySizeLimit: number;
	/** Days after a date until its registration data is anonymised (and date-poll answers deleted). */
	eventRetentionDays: number;
	/** Days a mail stays in the outbox (sent or not); never longer than the event retention by default. */
	mailRetentionDays: number;
}

/** Six months: registration data is anonymised this many days after the date unless EVENT_RETENTION_DAYS says otherwise. */
export const DEFAULT_EVENT_RETENTION_DAYS = 183;
/** Mails leave the outbox after this many days (or after the event retention, if that is shorter). */
export const DEFAULT_MAIL_RETENTION_DAYS = 90;

/** A whole number of days ≥ 1 from the environment, else the fallback. */
function days(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** The default build/defaults.js sets for `node build` (scripts/adapter.js; a unit test checks they agree). */
export const DEFAULT_BODY_SIZE_LIMIT = '60M';

/** BODY_SIZE_LIMIT as adapter-node parses it: a number with an optional K, M or G suffix (1024-based). */
export function parseBodySizeLimit(value: string): number {
	const multiplier = ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[
		value.slice(-1).toUpperCase()
	];
	return multiplier ? Number(value.slice(0, -1)) * multiplier : Number(value);
}

function retention(source: NodeJS.ProcessEnv): Pick<AppConfig, 'eventRetentionDays' | 'mailRetentionDays'> {
	const eventRetentionDays = days(source.EVENT_RETENTION_DAYS, DEFAULT_EVENT_RETENTION_DAYS);
	// mails name the event, its date and the address: by default they go no later than the registration
	const mailRetentionDays = days(
		source.MAIL_RETENTION_DAYS,
		Math.min(DEFAULT_MAIL_RETENTION_DAYS, eventRetentionDays)
	);
	return { eventRetentionDays, mailRetentionDays };
}

export function readConfig(source: NodeJS.ProcessEnv = env): AppConfig {
	const port = Number(source.PORT ?? 3000);
	const production = source.NODE_ENV === 'production';
	const databaseUrl = source.DATABASE_URL || undefined;
	return {
		databaseUrl,
		dataDir: path.resolve(source.DATA_DIR || './data'),
		port,
		origin: source.ORIGIN || `http://localhost:${port}`,
		smtpUrl: source.SMTP_URL || undefined,
		mailFrom: source.MAIL_FROM || 'Quartierskompass <no-reply@localhost>',
		tileUrl: source.TILE_URL || undefined,
		tileAttribution: source.TILE_ATTRIBUTION || undefined,
		geocoderUrl: source.GEOCODER_URL || undefined,
		proofOfWorkBits: Math.max(0, Math.min(24, Math.floor(Number(source.ANON_PROOF_OF_WORK ?? 0)) || 0)),
		// Demo only on the embedded database, never with DATABASE_URL or in production.
		seedDemo: source.SEED_DEMO !== '0' && !databaseUrl && !production,
		production,
		supabaseUrl: source.SUPABASE_URL || undefined,
		supabaseServiceKey: source.SUPABASE_SERVICE_ROLE_KEY || source.SUPABASE_SERVICE_KEY || undefined,
		supabaseBucket: source.SUPABASE_BUCKET || 'uploads',
		smallAreaPopulation: Number(source.SUPPRESS_MIN_POPULATION ?? 1000),
		smallCountK: Number(source.SUPPRESS_MIN_COUNT ?? 3),
		reportMinAccountAgeHours: Math.max(0, Number(source.REPORT_MIN_ACCOUNT_AGE_HOURS ?? 24) || 0),
		bodySizeLimit: parseBodySizeLimit(source.BODY_SIZE_LIMIT || DEFAULT_BODY_SIZE_LIMIT),
		...retention(source)
	};
}
