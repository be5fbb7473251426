// Demo ideas for the demo city: the board of "marktplatz-altstadt" (switched on here), ideas in every
// status with official responses, supports and a few comments. Deterministic; inside the seed transaction.
import type { Kysely } from 'kysely';
import { assignAreas, touchesArea, type AreaGeometry } from '../../geo/area-assignment';
import { fromPostgresBox } from '../../geo/bbox';
import { mulberry32, randomBetween } from '../../geo/random';
import type { OutcomeStatus } from '../../participation/outcomes';
import type { DB } from '../db/types';

export const DEMO_IDEAS_SLUG = 'marktplatz-altstadt';

interface DemoIdea {
	title: string;
	body: string;
	status: OutcomeStatus;
	response?: { text: string; next?: string };
	supports: number;
}

const DAY = 86_400_000;
const RESPONDER = 'Quartiersmanagement Altstadt';

export const DEMO_IDEAS: DemoIdea[] = [
	{
		title: 'Mehr Sitzbänke mit Lehne rund um den Brunnen',
		body: 'Ältere Menschen finden am Brunnen keinen Platz zum Ausruhen. Bänke mit Lehne und Armlehnen würden helfen.',
		status: 'received',
		supports: 4
	},
	{
		title: 'Trinkbrunnen am Marktplatz',
		body: 'Im Sommer fehlt ein öffentlicher Trinkbrunnen. Gerade für Kinder und Marktbesucher wäre das wichtig.',
		status: 'in_review',
		response: { text: 'Wir klären mit den Stadtwerken, wo ein Wasseranschluss möglich ist.' },
		supports: 9
	},
	{
		title: 'Schattenbäume auf der Südseite pflanzen',
		body: 'Die Südseite des Platzes heizt sich stark auf. Großkronige Bäume würden Schatten spenden.',
		status: 'accepted',
		response: {
			text: 'Die Planung sieht sechs neue Bäume auf der Südseite vor. Beschlossen vom Bauausschuss.',
			next: 'Pflanzung im Herbst nach dem Umbau.'
		},
		supports: 14
	},
	{
		title: 'Fahrradbügel an allen Zugängen',
		body: 'Fahrräder werden an Laternen angeschlossen. An jedem Zugang zum Platz sollten Fahrradbügel stehen.',
		status: 'partly_accepted',
		response: {
			text: 'An den zwei Hauptzugängen kommen Bügel; am Nordzugang ist wegen der Feuerwehrzufahrt kein Platz.',
			next: 'Wir prüfen einen Standort in der Seitenstraße.'
		},
		supports: 7
	},
	{
		title: 'Parkplätze auf dem Marktplatz zurückholen',
		body: 'Früher konnte man direkt am Markt parken. Bitte wieder Parkplätze auf dem Platz einrichten.',
		status: 'not_feasible',
		response: {
			text: 'Der Platz bleibt autofrei – das hat der Stadtrat vor der Beteiligung beschlossen.',
			next: 'Das Parkhaus am Wall bietet Kurzparken; wir verbessern die Beschilderung.'
		},
		supports: 2
	},
	{
		title: 'Bessere Beleuchtung am Durchgang zur Kirchgasse',
		body: 'Abends ist der Durchgang zur Kirchgasse sehr dunkel. Mehr Licht würde sicherer machen.',
		status: 'in_progress',
		response: {
			text: 'Angenommen; die neuen Leuchten sind bestellt.',
			next: 'Einbau im nächsten Monat.'
		},
		supports: 11
	},
	{
		title: 'Spielgerät für Kleinkinder neben dem Café',
		body: 'Eltern sitzen gern im Café. Ein kleines Spielgerät daneben wäre für Familien schön.',
		status: 'implemented',
		response: {
			text: 'Das Spielgerät steht seit letzter Woche. Danke für die Idee!',
			next: 'Wir sammeln Rückmeldungen zur Nutzung.'
		},
		supports: 6
	},
	{
		title: 'Überdachung an der Bushaltestelle Markt',
		body: 'An der Haltestelle Markt wird man bei Regen nass. Eine Überdachung fehlt.',
		status: 'received',
		supports: 0
	}
];

function pointIn(seed: number, area: AreaGeometry, box: [number, number, number, number]): [number, number] | null {
	const random = mulberry32(seed);
	for (let i = 0; i < 300; i++) {
		const p: [number, number] = [
			Math.round(randomBetween(random, box[0], box[2]) * 1e6) / 1e6,
			Math.round(randomBetween(random, box[1], box[3]) * 1e6) / 1e6
		];
		if (touchesArea({ type: 'Point', coordinates: p }, area)) return p;
	}
	return null;
}

export async function insertDemoIdeas(trx: Kysely<DB>, now: Date): Promise<number> {
	const c = await trx
		.selectFrom('consultation')
		.select(['id', 'modules', 'starts_at'])
		.where('slug', '=', DEMO_IDEAS_SLUG)
		.where('is_demo', '=', true)
		.executeTakeFirst();
	if (!c) return 0;
	if (!c.modules.includes('ideas'))
		await trx
			.updateTable('consultation')
			.set({ modules: [...c.modules, 'ideas'] })
			.where('id', '=', c.id)
			.execute();
	const [categories, scope, areas, people, responder] = await Promise.all([
		trx.selectFrom('consultation_category').select('id').where('consultation_id', '=', c.id).orderBy('position').execute(),
		trx.selectFrom('consultation_area').select('area_id').where('consultation_id', '=', c.id).execute(),
		trx
			.selectFrom('area')
			.select(['id', 'key', 'parent_id', 'geometry', 'bbox'])
			.where('valid_to', 'is', null)
			.where('geometry', 'is not', null)
			.execute(),
		trx.selectFrom('app_user').select('id').where('is_demo', '=', true).orderBy('email').execute(),
		trx.selectFrom('app_user').select('id').where('email', '=', 'quartier@musterstadt.example').executeTakeFirst()
	]);
	const shaped = areas.map((a) => ({ ...a, geometry: a.geometry as unknown as AreaGeometry }));
	const home = shaped.find((a) => scope.some((s) => s.area_id === a.id));
	const box = home ? fromPostgresBox(String(home.bbox)) : null;
	const residents = people.map((p) => p.id).filter((id) => id !== responder?.id);
	const start = c.starts_at ? new Date(c.starts_at).getTime() : now.getTime() - 30 * DAY;
	for (const [i, d] of DEMO_IDEAS.entries()) {
		const point = home && box ? pointIn(7000 + i, home.geometry, box) : null;
		const touched = point ? assignAreas({ type: 'Point', coordinates: point }, shaped) : [];
		const ids = new Set(touched.map((a) => a.id));
		for (const a of touched)
			for (let parent = a.parent_id; parent && !ids.has(parent); ) {
				ids.add(parent);
				parent = shaped.find((x) => x.id === parent)?.parent_id ?? null;
			}
		const created = new Date(Math.min(now.getTime() - (DEMO_IDEAS.length - i) * DAY, start + i * DAY));
		const supporters = residents.slice(0, Math.min(d.supports, residents.length));
		const row = await trx
			.insertInto('idea')
			.values({
				consultation_id: c.id,
				author_id: residents.length ? residents[i % residents.length] : null,
				category_id: categories.length ? categories[i % categories.length].id : null,
				title: d.title,
				body: d.body,
				lon: point?.[0] ?? null,
				lat: point?.[1] ?? null,
				area_keys: shaped.filter((a) => ids.has(a.id)).map((a) => a.key),
				status: 'published',
				// The stored count is the number of support rows; demo accounts are few, so the rest is shown as given.
				support_count: supporters.length,
				created_at: created,
				is_demo: true
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (ids.size)
			await trx
				.insertInto('idea_area')
				.values([...ids].map((area_id) => ({ idea_id: row.id, area_id })))
				.execute();
		if (supporters.length)
			await trx
				.insertInto('idea_support')
				.values(supporters.map((user_id) => ({ idea_id: row.id, user_id, created_at: created })))
				.execute();
		if (d.response) {
			const at = new Date(created.getTime() + DAY / 2);
			await trx
				.insertInto('outcome')
				.values({ item_type: 'idea', item_id: row.id, consultation_id: c.id, status: d.status, updated_at: at })
				.execute();
			await trx
				.insertInto('outcome_response')
				.values({
					item_type: 'idea',
					item_id: row.id,
					status: d.status,
					previous_status: 'received',
					response_text: d.response.text,
					next_steps: d.response.next ?? '',
					responder_name: RESPONDER,
					responder_id: responder?.id ?? null,
					created_at: at
				})
				.execute();
		}
		if (i < 2 && residents.length > 1)
			await trx
				.insertInto('idea_comment')
				.values({
					idea_id: row.id,
					author_id: residents[(i + 1) % residents.length],
					body: i === 0 ? 'Unbedingt, meine Mutter sucht dort immer einen Platz.' : 'Gute Idee, gerne mit Schale für Hunde.',
					created_at: new Date(created.getTime() + DAY / 4),
					is_demo: true
				})
				.execute()
				.then(() =>
					trx.updateTable('idea').set({ comment_count: 1 }).where('id', '=', row.id).execute()
				);
	}
	return DEMO_IDEAS.length;
}

export async function deleteDemoIdeas(trx: Kysely<DB>): Promise<void> {
	const demo = trx.selectFrom('consultation').select('id').where('is_demo', '=', true);
	const ideas = trx.selectFrom('idea').select('id').where('consultation_id', 'in', demo);
	await trx.deleteFrom('outcome').where('item_type', '=', 'idea').where('item_id', 'in', ideas).execute();
	await trx.deleteFrom('idea').where('consultation_id', 'in', demo).execute();
}
