// Loads and removes the demo city with its organisation and accounts. Every row is marked is_demo.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { toPostgresBox } from '../../geo';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/connection';
import type { DB } from '../db/types';
import type { Storage } from '../storage';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION_NAME, DEMO_PASSWORD, DEMO_QUARTER_MANAGER_AREA } from './accounts';
import { DEMO_POPULATION_YEAR, DEMO_VALID_FROM, generateDemoCity } from './city';
import { registry as appRegistry, type Registry } from '../participation/registry';
import { deleteDemoConsultations, insertDemoConsultations } from './consultations';
import { deleteDemoIndicators, insertDemoIndicators } from './indicators';
import { removeThemeDemo, seedThemeDemo } from '../themes/demo';

/** Where the demo city's boundaries come from (the report's sources list them). */
export const DEMO_GEOMETRY_SOURCE = 'Musterstadt, generierte Gebietsgrenzen (fiktiv)';
export const DEMO_GEOMETRY_LICENCE = 'CC0 1.0 – fiktive Demodaten';

// Serialises concurrent seeders (two app nodes starting at once); any constant works.
const DEMO_LOCK_KEY = 7_420_261;

export type DemoSeedErrorCode = 'areas_exist' | 'levels_exist' | 'accounts_exist';

const MESSAGES: Record<DemoSeedErrorCode, string> = {
	areas_exist:
		'Die Datenbank enthält bereits eigene Gebiete. Die Demo-Stadt wird nur in eine Installation ohne eigene Gebiete geladen.',
	levels_exist:
		'Es gibt bereits eigene Gebietsebenen mit denselben Schlüsseln oder Rängen wie die Demo-Stadt. Bitte laden Sie die Demo in eine leere Installation.',
	accounts_exist:
		'Ein Konto mit einer Demo-E-Mail-Adresse (…@musterstadt.example) existiert bereits, ist aber kein Demo-Konto. Bitte löschen oder ändern Sie es zuerst.'
};

/** Expected refusal of `seedDemo`; `message` is German and says what to do. */
export class DemoSeedError extends Error {
	constructor(readonly code: DemoSeedErrorCode) {
		super(MESSAGES[code]);
		this.name = 'DemoSeedError';
	}
}

export interface DemoSeedResult {
	areas: number;
	users: number;
}

/** Deletes every demo row, children first. Grants of other users scoped to demo areas or the demo organisation go too. */
async function deleteDemoRows(trx: Kysely<DB>, registry: Registry): Promise<void> {
	await trx
		.deleteFrom('role_grant')
		.where((eb) =>
			eb.or([
				eb.and([
					eb('scope_type', '=', 'area'),
					eb('scope_id', 'in', eb.selectFrom('area').select('id').where('is_demo', '=', true))
				]),
				eb.and([
					eb('scope_type', '=', 'organisation'),
					eb('scope_id', 'in', eb.selectFrom('organisation').select('id').where('is_demo', '=', true))
				])
			])
		)
		.execute();
	// Sessions, tokens and grants of demo users cascade.
	await trx.deleteFrom('app_user').where('is_demo', '=', true).execute();
	// Every module's demo rows, then the demo consultations, before the areas.
	for (const { hooks } of await registry.hooks()) await hooks.demo?.remove(trx);
	await removeThemeDemo(trx);
	await deleteDemoConsultations(trx);
	// Demo indicators first (their values cascade), then the areas.
	await deleteDemoIndicators(trx);
	// One statement: the parent references inside the demo tree are checked at its end.
	await trx.deleteFrom('area').where('is_demo', '=', true).execute();
	await trx
		.deleteFrom('area_level')
		.where('is_demo', '=', true)
		.where((eb) =>
			eb.not(
				eb.exists(eb.selectFrom('area').select('area.id').whereRef('area.level_id', '=', 'area_level.id'))
			)
		)
		.execute();
	await trx.deleteFrom('organisation').where('is_demo', '=', true).execute();
}

async function lockDemo(trx: Transaction<DB>): Promise<void> {
	await sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`.execute(trx);
}

async function insertDemo(
	registry: Registry,
	trx: Kysely<DB>,
	city: ReturnType<typeof generateDemoCity>,
	passwordHash: string,
	storage?: Storage
): Promise<DemoSeedResult> {
	if (await trx.selectFrom('area').select('id').limit(1).executeTakeFirst())
		throw new DemoSeedError('areas_exist');
	const levelClash = await trx
		.selectFrom('area_level')
		.select('id')
		.where((eb) =>
			eb.or([
				eb(
					'key',
					'in',
					city.levels.map((l) => l.key)
				),
				eb(
					'rank',
					'in',
					city.levels.map((l) => l.rank)
				)
			])
		)
		.executeTakeFirst();
	if (levelClash) throw new DemoSeedError('levels_exist');
	const emails = DEMO_ACCOUNTS.map((a) => a.email.toLowerCase());
	const accountClash = await trx
		.selectFrom('app_user')
		.select('id')
		.where(sql<string>`lower(email)`, 'in', emails)
		.executeTakeFirst();
	if (accountClash) throw new DemoSeedError('accounts_exist');

	const levels = await trx
		.insertInto('area_level')
		.values(
			city.levels.map((l) => ({
				key: l.key,
				name: l.name,
				rank: l.rank,
				geometry_source: DEMO_GEOMETRY_SOURCE,
				geometry_licence: DEMO_GEOMETRY_LICENCE,
				is_demo: true
			}))
		)
		.returning(['id', 'key'])
		.execute();
	const levelId = new Map(levels.map((l) => [l.key, l.id]));

	// Ids are made here so parents and children go in with one insert.
	const areaId = new Map(city.areas.map((a) => [`${a.levelKey}:${a.key}`, randomUUID()]));
	const parentLevel = new Map(city.levels.map((l, i) => [l.key, city.levels[i - 1]?.key]));
	await trx
		.insertInto('area')
		.values(
			city.areas.map((a) => {
				const geometry = JSON.stringify(a.geometry);
				return {
					id: areaId.get(`${a.levelKey}:${a.key}`)!,
					level_id: levelId.get(a.levelKey)!,
					key: a.key,
					name: a.name,
					parent_id:
						a.parentKey === null ? null : areaId.get(`${parentLevel.get(a.levelKey)}:${a.parentKey}`)!,
					population: a.population,
					population_year: DEMO_POPULATION_YEAR,
					valid_from: DEMO_VALID_FROM,
					geometry,
					geometry_original: geometry,
					bbox: toPostgresBox(a.bbox),
					is_demo: true
				};
			})
		)
		.execute();
	await insertDemoIndicators(trx, city, areaId);

	const organisation = await trx
		.insertInto('organisation')
		.values({ name: DEMO_ORGANISATION_NAME, is_demo: true })
		.returning('id')
		.executeTakeFirstOrThrow();

	const users = await trx
		.insertInto('app_user')
		.values(
			DEMO_ACCOUNTS.map((a) => ({
				email: a.email,
				email_verified_at: new Date(),
				// Long-standing accounts of the demo city (their reports count toward auto-hide).
				created_at: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000),
				password_hash: passwordHash,
				display_name: a.displayName,
				locale: 'de',
				is_demo: true
			}))
		)
		.returning(['id', 'email'])
		.execute();
	const userId = new Map(users.map((u) => [u.email, u.id]));
	const managedArea = city.areas.find(
		(a) => a.levelKey === DEMO_QUARTER_MANAGER_AREA.levelKey && a.name === DEMO_QUARTER_MANAGER_AREA.name
	)!;
	await trx
		.insertInto('role_grant')
		.values(
			DEMO_ACCOUNTS.map((a) => ({
				user_id: userId.get(a.email)!,
				role: a.role,
				scope_type: a.scopeType,
				scope_id:
					a.scopeType === 'area'
						? areaId.get(`${managedArea.levelKey}:${managedArea.key}`)!
						: a.scopeType === 'organisation'
							? organisation.id
							: null
			}))
		)
		.execute();
	await insertDemoConsultations(trx, city, areaId, userId);
	const now = new Date();
	for (const { hooks } of await registry.hooks()) await hooks.demo?.seed({ trx, now, storage });
	await seedThemeDemo(trx, now);
	return { areas: city.areas.length, users: users.length };
}

/**
 * Loads Musterstadt (replacing an earlier demo load) in one transaction. Refuses with a
 * DemoSeedError when the installation already has its own areas, levels or clashing accounts.
 */
export async function seedDemo(
	database: Database,
	registry: Registry = appRegistry,
	storage?: Storage
): Promise<DemoSeedResult> {
	// CPU work before the transaction: PGlite has one connection and a transaction blocks every page.
	// argon2 runs on a native thread while the city is generated.
	const hashing = hashPassword(DEMO_PASSWORD);
	const city = generateDemoCity();
	const passwordHash = await hashing;
	return database.db.transaction().execute(async (trx) => {
		await lockDemo(trx);
		await deleteDemoRows(trx, registry);
		return insertDemo(registry, trx, city, passwordHash, storage);
	});
}

/** Deletes all demo rows (areas, levels, organisation, accounts with their sessions and grants). */
export async function removeDemo(database: Database, registry: Registry = appRegistry): Promise<void> {
	await database.db.transaction().execute(async (trx) => {
		await lockDemo(trx);
		await deleteDemoRows(trx, registry);
	});
}

/** Seeds the demo city only into an installation without any areas. Returns whether it seeded. */
export async function seedDemoIfEmpty(database: Database, storage?: Storage): Promise<boolean> {
	const hasAreas = async (db: Kysely<DB>) =>
		(await db.selectFrom('area').select('id').limit(1).executeTakeFirst()) !== undefined;
	if (await hasAreas(database.db)) return false;
	const hashing = hashPassword(DEMO_PASSWORD);
	const city = generateDemoCity();
	const passwordHash = await hashing;
	return database.db.transaction().execute(async (trx) => {
		await lockDemo(trx);
		if (await hasAreas(trx)) return false;
		await insertDemo(appRegistry, trx, city, passwordHash, storage);
		return true;
	});
}
