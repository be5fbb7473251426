// Demo contributions for the demo consultations (a few hundred, varied categories and channels),
// generated deterministically. Area assignment runs in memory on the current areas; one multi-row
// insert per table. Call inside the demo seed transaction, after insertDemoConsultations.
import type { Insertable, Kysely } from 'kysely';
import {
	assignAreas,
	contributionBbox,
	touchesArea,
	type AreaGeometry,
	type ContributionGeometry
} from '../../geo/area-assignment';
import { fromPostgresBox, toPostgresBox } from '../../geo/bbox';
import { mulberry32, randomBetween, randomInt, type Random } from '../../geo/random';
import { cityDay } from '../../format/dates';
import type { DB } from '../db/types';
import { logModeration } from '../participation/moderation';

export const DEMO_CONTRIBUTION_SEED = 20261125;
/** Per demo consultation. */
export const DEMO_CONTRIBUTIONS_PER_CONSULTATION = 150;

const OPENINGS = [
	'Hier fehlt',
	'An dieser Stelle wünsche ich mir',
	'Bitte prüfen Sie',
	'Gut gelungen ist',
	'Für Kinder wäre wichtig:',
	'Für ältere Menschen fehlt',
	'Abends unangenehm:',
	'Schön wäre'
];
const SUBJECTS = [
	'eine Sitzbank mit Lehne',
	'mehr Schatten durch Bäume',
	'eine sichere Querung für Fußgänger',
	'bessere Beleuchtung',
	'ein Trinkbrunnen',
	'Fahrradbügel',
	'eine barrierefreie Rampe',
	'ein Spielgerät für Kleinkinder',
	'ein Mülleimer',
	'eine Überdachung an der Haltestelle'
];
const ENDINGS = [
	'',
	' Das würde vielen helfen.',
	' Besonders im Sommer.',
	' Danke fürs Nachfragen!',
	' Seit Jahren ein Thema.'
];
const ANALOG = ['paper', 'interview', 'workshop', 'phone', 'info_stand', 'walk'] as const;

function pick<T>(random: Random, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

function pointIn(random: Random, area: AreaGeometry, box: [number, number, number, number]): number[] | null {
	for (let i = 0; i < 200; i++) {
		const p = [randomBetween(random, box[0], box[2]), randomBetween(random, box[1], box[3])].map(
			(n) => Math.round(n * 1e6) / 1e6
		);
		if (touchesArea({ type: 'Point', coordinates: p }, area)) return p;
	}
	return null;
}

function geometryNear(random: Random, p: number[]): ContributionGeometry {
	const r = random();
	const d = randomBetween(random, 0.0005, 0.002);
	if (r < 0.8) return { type: 'Point', coordinates: p };
	if (r < 0.9)
		return {
			type: 'LineString',
			coordinates: [p, [p[0] + d, p[1] + d / 2], [p[0] + 2 * d, p[1]]].map((q) =>
				q.map((n) => Math.round(n * 1e6) / 1e6)
			)
		};
	const ring = [p, [p[0] + d, p[1]], [p[0] + d, p[1] + d], [p[0], p[1] + d], p].map((q) =>
		q.map((n) => Math.round(n * 1e6) / 1e6)
	);
	return { type: 'Polygon', coordinates: [ring] };
}

/** Inserts the demo contributions; returns how many. Does nothing when there are no demo consultations. */
/** Demo contributions, replies and their reports (the moderation log rows go with the consultations). */
export async function deleteDemoContributions(trx: Kysely<DB>): Promise<void> {
	const demo = trx.selectFrom('consultation').select('id').where('is_demo', '=', true);
	const demoContributions = trx.selectFrom('contribution').select('id').where('consultation_id', 'in', demo);
	await trx
		.deleteFrom('outcome')
		.where('item_type', '=', 'contribution')
		.where('item_id', 'in', demoContributions)
		.execute();
	await trx.deleteFrom('moderation_report').where('consultation_id', 'in', demo).execute();
	await trx.deleteFrom('contribution').where('consultation_id', 'in', demo).execute();
}

export async function insertDemoContributions(trx: Kysely<DB>, now: Date = new Date()): Promise<number> {
	const random = mulberry32(DEMO_CONTRIBUTION_SEED);
	const consultations = await trx
		.selectFrom('consultation')
		.select(['id', 'starts_at', 'created_by'])
		.where('is_demo', '=', true)
		.orderBy('slug')
		.execute();
	if (consultations.length === 0) return 0;
	const areas = (
		await trx
			.selectFrom('area')
			.select(['id', 'key', 'parent_id', 'geometry', 'bbox'])
			.where('valid_to', 'is', null)
			.where('geometry', 'is not', null)
			.execute()
	).map((a) => ({ ...a, geometry: a.geometry as unknown as AreaGeometry }));
	const residents = (
		await trx.selectFrom('app_user').select('id').where('is_demo', '=', true).orderBy('email').execute()
	).map((u) => u.id);
	const contributions: Insertable<DB['contribution']>[] = [];
	const links: { contribution_id: string; area_id: string }[] = [];
	for (const c of consultations) {
		const [categories, scope] = await Promise.all([
			trx
				.selectFrom('consultation_category')
				.select('id')
				.where('consultation_id', '=', c.id)
				.orderBy('position')
				.execute(),
			trx.selectFrom('consultation_area').select('area_id').where('consultation_id', '=', c.id).execute()
		]);
		const scopeAreas = areas.filter((a) => scope.some((s) => s.area_id === a.id));
		if (scopeAreas.length === 0 || categories.length === 0) continue;
		const start = c.starts_at ? new Date(c.starts_at).getTime() : now.getTime() - 30 * 86_400_000;
		for (let i = 0; i < DEMO_CONTRIBUTIONS_PER_CONSULTATION; i++) {
			const area = pick(random, scopeAreas);
			const box = fromPostgresBox(String(area.bbox));
			if (!box) continue;
			const p = pointIn(random, area.geometry, box);
			if (!p) continue;
			const geometry = geometryNear(random, p);
			const touched = assignAreas(geometry, areas);
			// Add ancestors of what was touched (levels without geometry, if any).
			const ids = new Set(touched.map((a) => a.id));
			for (const a of touched)
				for (let parent = a.parent_id; parent && !ids.has(parent);) {
					ids.add(parent);
					parent = areas.find((x) => x.id === parent)?.parent_id ?? null;
				}
			const analog = random() < 0.25;
			const id = crypto.randomUUID();
			const created = new Date(
				Math.min(now.getTime(), start + random() * Math.max(1, now.getTime() - start))
			);
			contributions.push({
				id,
				consultation_id: c.id,
				kind: 'map_comment',
				author_id: analog || residents.length === 0 || random() < 0.3 ? null : pick(random, residents),
				category_id: pick(random, categories).id,
				body: `${pick(random, OPENINGS)} ${pick(random, SUBJECTS)}.${pick(random, ENDINGS)}`,
				geometry: JSON.stringify(geometry),
				geometry_type: geometry.type,
				bbox: toPostgresBox(contributionBbox(geometry)),
				area_keys: areas.filter((a) => ids.has(a.id)).map((a) => a.key),
				channel: analog ? pick(random, ANALOG) : 'online',
				collected_on: analog ? cityDay(created) : null,
				entered_by: analog ? c.created_by : null,
				status: 'published',
				support_count: randomInt(random, 0, 12),
				created_at: created,
				is_demo: true
			});
			for (const areaId of ids) links.push({ contribution_id: id, area_id: areaId });
		}
	}
	if (contributions.length === 0) return 0;
	await trx.insertInto('contribution').values(contributions).execute();
	await trx.insertInto('contribution_area').values(links).execute();
	await moderateSome(trx, contributions, now);
	await answerSome(trx, now);
	return contributions.length;
}

const DEMO_ANSWERS: {
	status: 'in_review' | 'accepted' | 'partly_accepted';
	text: string;
	next: string;
}[] = [
	{
		status: 'accepted',
		text: 'Der Hinweis ist berechtigt. Das Ordnungsamt kümmert sich darum.',
		next: 'Umsetzung bis zum Frühjahr.'
	},
	{
		status: 'in_review',
		text: 'Wir prüfen den Hinweis gemeinsam mit dem Quartiersmanagement.',
		next: 'Rückmeldung nach der nächsten Sitzung des Quartiersbeirats.'
	},
	{
		status: 'partly_accepted',
		text: 'Ein Teil lässt sich umsetzen, für den Rest fehlt derzeit das Geld.',
		next: 'Der umsetzbare Teil kommt in den Haushalt des nächsten Jahres.'
	}
];

/** So "Was passiert in meinem Quartier?" shows answered contributions: three published map comments per consultation get an official response. */
async function answerSome(trx: Kysely<DB>, now: Date): Promise<void> {
	const rows = await trx
		.selectFrom('contribution as c')
		.innerJoin('consultation as k', 'k.id', 'c.consultation_id')
		.select(['c.id', 'c.consultation_id', 'c.created_at'])
		.where('c.is_demo', '=', true)
		.where('k.is_demo', '=', true)
		.where('c.status', '=', 'published')
		.where('c.kind', '=', 'map_comment')
		.where('k.status', '!=', 'draft')
		.orderBy('c.created_at')
		.orderBy('c.id')
		.execute();
	const perConsultation = new Map<string, typeof rows>();
	for (const r of rows) {
		const list = perConsultation.get(r.consultation_id) ?? [];
		if (list.length < DEMO_ANSWERS.length) perConsultation.set(r.consultation_id, [...list, r]);
	}
	for (const list of perConsultation.values())
		for (const [i, r] of list.entries()) {
			const a = DEMO_ANSWERS[i];
			const at = new Date(Math.min(now.getTime(), new Date(r.created_at).getTime() + 3 * 86_400_000));
			await trx
				.insertInto('outcome')
				.values({
					item_type: 'contribution',
					item_id: r.id,
					consultation_id: r.consultation_id,
					status: a.status,
					updated_at: at
				})
				.execute();
			await trx
				.insertInto('outcome_response')
				.values({
					item_type: 'contribution',
					item_id: r.id,
					status: a.status,
					previous_status: 'received',
					response_text: a.text,
					next_steps: a.next,
					responder_name: 'Stadt Musterstadt, Sozialplanung',
					created_at: at
				})
				.execute();
		}
}

const DEMO_HIDE_REASONS = [
	'Enthält die Telefonnummer einer Privatperson',
	'Werbung ohne Bezug zur Beteiligung'
];
const DEMO_REPORT_REASONS = ['Das stimmt so nicht', 'Beleidigender Ton'];

/** So the moderation pages show something: per consultation two hidden (logged) and two reported. */
async function moderateSome(
	trx: Kysely<DB>,
	contributions: Insertable<DB['contribution']>[],
	now: Date
): Promise<void> {
	const moderator = await trx
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', 'moderation@musterstadt.example')
		.executeTakeFirst();
	for (const consultationId of new Set(contributions.map((c) => c.consultation_id))) {
		const own = contributions.filter((c) => c.consultation_id === consultationId).slice(0, 4);
		for (const [i, c] of own.slice(0, 2).entries()) {
			if (!c.id) continue;
			await trx
				.updateTable('contribution')
				.set({ status: 'hidden', hidden_reason: DEMO_HIDE_REASONS[i] })
				.where('id', '=', c.id)
				.execute();
			await logModeration(trx, {
				consultationId,
				item: { itemType: 'contribution', id: c.id },
				targetUserId: c.author_id ?? null,
				actorId: moderator?.id ?? null,
				action: 'hide',
				reason: DEMO_HIDE_REASONS[i],
				at: new Date(Math.min(now.getTime(), new Date(c.created_at ?? now).getTime() + 86_400_000))
			});
		}
		for (const [i, c] of own.slice(2).entries()) {
			if (!c.id) continue;
			await trx.updateTable('contribution').set({ report_count: 1 }).where('id', '=', c.id).execute();
			await trx
				.insertInto('moderation_report')
				.values({
					item_type: 'contribution',
					item_id: c.id,
					consultation_id: consultationId,
					reporter_key: `demo-${i}`,
					reason: DEMO_REPORT_REASONS[i],
					created_at: now
				})
				.execute();
		}
	}
}
