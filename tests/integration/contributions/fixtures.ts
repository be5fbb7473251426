// Consultations written straight into the tables (the consultations module has its own tests),
// an in-memory storage, and contexts for calling the contribution commands directly.
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/lib/server/auth/actor';
import type { ContributionContext } from '../../../src/lib/server/contributions';
import type { DB } from '../../../src/lib/server/db/types';
import type { Storage } from '../../../src/lib/server/storage';

export const SECRET = 'contributions-test-secret-0123456789';

let seq = 0;

export async function insertConsultation(
	db: Kysely<DB>,
	opts: {
		status?: string;
		allowAnonymous?: boolean;
		preModeration?: boolean;
		autoHide?: number;
		areaIds?: string[];
		createdBy?: string | null;
		categories?: string[];
	} = {}
): Promise<{ id: string; slug: string; categories: Record<string, string> }> {
	seq++;
	const slug = `test-verfahren-${seq}-${Math.random().toString(36).slice(2, 7)}`;
	const row = await db
		.insertInto('consultation')
		.values({
			slug,
			title: `Testverfahren ${seq}`,
			participation_level: 'konsultation',
			can_influence: 'Die Gestaltung des Platzes.',
			already_decided: 'Der Standort.',
			outcome_plan: 'Auswertung im Frühjahr.',
			contact_name: 'Frau Beispiel',
			status: opts.status ?? 'published',
			allow_anonymous: opts.allowAnonymous ?? false,
			pre_moderation: opts.preModeration ?? false,
			auto_hide_after_reports: opts.autoHide ?? 3,
			created_by: opts.createdBy ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const areaId of opts.areaIds ?? [])
		await db.insertInto('consultation_area').values({ consultation_id: row.id, area_id: areaId }).execute();
	const categories: Record<string, string> = {};
	for (const [position, name] of (opts.categories ?? ['Verkehr', 'Grünflächen']).entries()) {
		const c = await db
			.insertInto('consultation_category')
			.values({ consultation_id: row.id, position, name })
			.returning('id')
			.executeTakeFirstOrThrow();
		categories[name] = c.id;
	}
	return { id: row.id, slug, categories };
}

export function memoryStorage(): Storage & { files: Map<string, Uint8Array> } {
	const files = new Map<string, Uint8Array>();
	return {
		kind: 'local',
		files,
		async put(key, data) {
			files.set(key, data);
		},
		async get(key) {
			return files.get(key) ?? null;
		},
		async delete(key) {
			files.delete(key);
		},
		async list(prefix = '') {
			return [...files].filter(([k]) => k.startsWith(prefix)).map(([key, d]) => ({ key, size: d.length }));
		}
	};
}

let addresses = 0;
export function ctxFor(
	db: Kysely<DB>,
	actor: Actor | null,
	overrides: Partial<ContributionContext> = {}
): ContributionContext {
	addresses++;
	return {
		db,
		secret: SECRET,
		actor,
		now: new Date(),
		clientAddress: `198.51.100.${(addresses % 250) + 1}`,
		storage: memoryStorage(),
		...overrides
	};
}

/** A minimal JPEG with an APP1 (EXIF) segment carrying a GPS marker text. */
export function jpegWithExif(): Uint8Array {
	const exifPayload = new TextEncoder().encode('Exif\0\0GPSLatitude=51.1234;GPSLongitude=7.5678');
	const app1 = [
		0xff,
		0xe1,
		((exifPayload.length + 2) >> 8) & 0xff,
		(exifPayload.length + 2) & 0xff,
		...exifPayload
	];
	const app0 = [
		0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00
	];
	const dqt = [0xff, 0xdb, 0x00, 0x04, 0x00, 0x01];
	const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0x56];
	const eoi = [0xff, 0xd9];
	return new Uint8Array([0xff, 0xd8, ...app0, ...app1, ...dqt, ...sos, ...eoi]);
}
