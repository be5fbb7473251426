// Demo events: two past workshops (Planungswerkstatt Marktplatz, Wegewerkstatt Grüne Wege; attendance
// counted; their results are the demo contributions of channel 'workshop' on each consultation's map), upcoming dates with registrations and a waiting list, a
// recurring Sozialraumforum standing alone for an area, and a running date poll. Deterministic.
// Each past workshop is documented: generated minutes (PDF) and a photo of the tables (stored like an
// upload, photo consent noted), and the consultation's 'workshop'-channel contributions name it.
import { sql, type Kysely } from 'kysely';
import { expandRecurrence } from '../../events/recurrence';
import { cityDay, formatDate } from '../../format/dates';
import { fromBerlin, berlinWallTime } from '../../events/time';
import type { DB } from '../db/types';
import type { Storage } from '../storage';
import { demoMinutesPdf, demoWorkshopPng } from './demo-files';
import { defaultRegistrationQuestions } from './questions';
import { hashToken } from './tokens';

const DAY = 24 * 3600_000;

/** A Berlin wall time `days` from now at hour:00. */
function at(now: Date, days: number, hour: number): Date {
	const w = berlinWallTime(new Date(now.getTime() + days * DAY));
	return fromBerlin({ ...w, hour, minute: 0 });
}

export async function seedDemoEvents(trx: Kysely<DB>, now: Date, storage?: Storage): Promise<void> {
	const consultations = await trx
		.selectFrom('consultation')
		.select(['id', 'slug'])
		.where('is_demo', '=', true)
		.where('slug', 'in', ['marktplatz-altstadt', 'gruene-wege-musterstadt'])
		.execute();
	const bySlug = new Map(consultations.map((c) => [c.slug, c.id]));
	if (consultations.length > 0)
		await trx
			.updateTable('consultation')
			.set({ modules: sql`array_append(modules, 'events')` })
			.where(
				'id',
				'in',
				consultations.map((c) => c.id)
			)
			.where(sql<boolean>`not ('events' = any(modules))`)
			.execute();
	const altstadt = await trx
		.selectFrom('area as a')
		.innerJoin('area_level as l', 'l.id', 'a.level_id')
		.select('a.id')
		.where('a.is_demo', '=', true)
		.where('l.key', '=', 'stadtteil')
		.where('a.name', '=', 'Altstadt')
		.executeTakeFirst();
	const base = {
		is_demo: true,
		created_at: now,
		updated_at: now,
		organiser: 'Stadt Musterstadt, Amt für Stadtplanung',
		address: 'Bürgerhaus Altstadt, Marktplatz 1, Musterstadt',
		location: JSON.stringify({ type: 'Point', coordinates: [9.9937, 53.5511] })
	};
	const events = await trx
		.insertInto('event')
		.values([
			{
				...base,
				consultation_id: bySlug.get('marktplatz-altstadt') ?? null,
				title: 'Planungswerkstatt Marktplatz',
				event_type: 'planungswerkstatt',
				description: 'Wir sammeln an Tischen mit großen Plänen Ideen für den neuen Marktplatz.',
				agenda: '18:00 Begrüßung\n18:20 Arbeit an Thementischen\n19:40 Ergebnisse\n20:00 Ende',
				co_hosts: 'Quartiersbüro Altstadt',
				target_group: 'Alle, die in der Altstadt wohnen oder arbeiten',
				step_free: true,
				hearing_loop: true,
				childcare: true,
				capacity: 40,
				questions: JSON.stringify(defaultRegistrationQuestions())
			},
			{
				...base,
				consultation_id: bySlug.get('marktplatz-altstadt') ?? null,
				title: 'Stadtteilkonferenz Altstadt',
				event_type: 'stadtteilkonferenz',
				description: 'Die Träger und Initiativen der Altstadt beraten über die ersten Entwürfe.',
				target_group: 'Träger, Initiativen, Nachbarschaft',
				step_free: true,
				interpreters: true,
				interpreter_languages: ['Türkisch', 'Arabisch'],
				capacity: 3,
				registration_deadline_hours: 2,
				questions: JSON.stringify(defaultRegistrationQuestions())
			},
			{
				...base,
				consultation_id: null,
				title: 'Sozialraumforum Altstadt',
				event_type: 'sozialraumkonferenz',
				description: 'Das halbjährliche Forum der sozialen Arbeit in der Altstadt.',
				step_free: true,
				sign_language: true,
				capacity: 60,
				recurrence: JSON.stringify({ unit: 'month', interval: 6, count: 4 })
			},
			{
				...base,
				consultation_id: bySlug.get('gruene-wege-musterstadt') ?? null,
				title: 'Infostand Grüne Wege',
				event_type: 'infostand',
				description: 'Pläne ansehen, Fragen stellen, Hinweise geben — ohne Anmeldung.',
				address: 'Wochenmarkt am Rathaus, Musterstadt',
				registration_enabled: false,
				step_free: true
			},
			{
				...base,
				consultation_id: bySlug.get('gruene-wege-musterstadt') ?? null,
				title: 'Wegewerkstatt Grüne Wege',
				event_type: 'planungswerkstatt',
				description:
					'Offene Werkstatt: An Karten zeichnen wir ein, wo Wege fehlen, schmal oder unsicher sind.',
				agenda: '17:00 Begrüßung\n17:15 Kartentische\n18:30 Ergebnisse\n19:00 Ende',
				address: 'Stadtteilzentrum Nord, Am Park 3, Musterstadt',
				registration_enabled: false,
				step_free: true,
				interpreters: true,
				interpreter_languages: ['Ukrainisch', 'Russisch']
			},
			{
				...base,
				consultation_id: bySlug.get('gruene-wege-musterstadt') ?? null,
				title: 'Zukunftswerkstatt Grüne Wege',
				event_type: 'zukunftswerkstatt',
				description: 'Wann passt es Ihnen? Stimmen Sie über den Termin ab.',
				childcare: true,
				capacity: 25
			}
		])
		.returning(['id', 'title'])
		.execute();
	const id = (title: string) => events.find((e) => e.title === title)!.id;
	if (altstadt)
		await trx
			.insertInto('event_area')
			.values({ event_id: id('Sozialraumforum Altstadt'), area_id: altstadt.id })
			.execute();

	const forum = expandRecurrence(
		{ startsAt: at(now, 20, 17), endsAt: at(now, 20, 19) },
		{ unit: 'month', interval: 6, count: 4 }
	);
	const occ = await trx
		.insertInto('event_occurrence')
		.values([
			{
				event_id: id('Planungswerkstatt Marktplatz'),
				starts_at: at(now, -60, 18),
				ends_at: at(now, -60, 20),
				registered_count: 6,
				attendance_count: 5,
				reminder_sent_at: at(now, -61, 18),
				updated_at: now
			},
			{
				event_id: id('Stadtteilkonferenz Altstadt'),
				starts_at: at(now, 10, 18),
				ends_at: at(now, 10, 20),
				registered_count: 3,
				updated_at: now
			},
			{
				event_id: id('Stadtteilkonferenz Altstadt'),
				starts_at: at(now, 40, 18),
				ends_at: at(now, 40, 20),
				status: 'moved',
				moved_from: at(now, 33, 18),
				sequence: 1,
				updated_at: now
			},
			...forum.map((d) => ({
				event_id: id('Sozialraumforum Altstadt'),
				starts_at: d.startsAt,
				ends_at: d.endsAt,
				updated_at: now
			})),
			{
				event_id: id('Infostand Grüne Wege'),
				starts_at: at(now, 5, 9),
				ends_at: at(now, 5, 13),
				updated_at: now
			},
			{
				event_id: id('Infostand Grüne Wege'),
				starts_at: at(now, 12, 9),
				ends_at: at(now, 12, 13),
				status: 'cancelled',
				sequence: 1,
				updated_at: now
			},
			{
				event_id: id('Wegewerkstatt Grüne Wege'),
				starts_at: at(now, -25, 17),
				ends_at: at(now, -25, 19),
				attendance_count: 18,
				updated_at: now
			}
		])
		.returning(['id', 'event_id', 'starts_at'])
		.execute();
	const past = occ[0];
	const upcoming = occ[1];
	const names = ['Aylin K.', 'Jonas M.', 'Maria S.', 'Peter W.', 'Olena B.', 'Samir H.'];
	await trx
		.insertInto('event_registration')
		.values([
			...names.map((name, i) => ({
				occurrence_id: past.id,
				name,
				status: 'registered',
				channel: i === 5 ? 'phone' : 'online',
				attended: i !== 2,
				area_id: altstadt?.id ?? null,
				created_at: at(now, -70, 10)
			})),
			...names.slice(0, 5).map((name, i) => ({
				occurrence_id: upcoming.id,
				name,
				email: `demo-anmeldung-${i + 1}@example.org`,
				status: i < 3 ? 'registered' : 'waiting',
				waiting_position: i < 3 ? null : i - 2,
				channel: 'online',
				cancel_token_hash: hashToken(`demo-cancel-${i}-${now.getTime()}`),
				area_id: altstadt?.id ?? null,
				created_at: now
			}))
		])
		.execute();
	await documentPastWorkshop(
		trx,
		now,
		storage,
		PAST_WORKSHOPS[0],
		id(PAST_WORKSHOPS[0].title),
		new Date(past.starts_at)
	);
	const paths = occ.find((o) => o.event_id === id(PAST_WORKSHOPS[1].title))!;
	await documentPastWorkshop(trx, now, storage, PAST_WORKSHOPS[1], paths.event_id, new Date(paths.starts_at));
	const poll = await trx
		.insertInto('date_poll')
		.values({
			event_id: id('Zukunftswerkstatt Grüne Wege'),
			public_token: 'demo-terminumfrage-gruene-wege',
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const slots = await trx
		.insertInto('date_poll_slot')
		.values(
			[14, 15, 21].map((d) => ({ poll_id: poll.id, starts_at: at(now, d, 17), ends_at: at(now, d, 20) }))
		)
		.returning('id')
		.execute();
	const answers: ('yes' | 'maybe' | 'no')[][] = [
		['yes', 'maybe', 'no'],
		['yes', 'yes', 'no'],
		['maybe', 'no', 'yes']
	];
	for (const [i, name] of ['Lena', 'Kemal', 'Oma Gerda'].entries()) {
		const r = await trx
			.insertInto('date_poll_response')
			.values({
				poll_id: poll.id,
				name,
				edit_token_hash: hashToken(`demo-poll-${i}-${now.getTime()}`),
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('date_poll_answer')
			.values(slots.map((s, j) => ({ response_id: r.id, slot_id: s.id, answer: answers[i][j] })))
			.execute();
	}
}

/** The two documented past workshops, each with its consultation's workshop-channel results on the map. */
const PAST_WORKSHOPS = [
	{
		title: 'Planungswerkstatt Marktplatz',
		keys: ['events/demo-planungswerkstatt-protokoll.pdf', 'events/demo-planungswerkstatt-foto.png'],
		minutesTitle: 'Protokoll der Planungswerkstatt',
		photoTitle: 'Thementische mit Plänen und Notizzetteln (ohne Personen)'
	},
	{
		title: 'Wegewerkstatt Grüne Wege',
		keys: ['events/demo-wegewerkstatt-protokoll.pdf', 'events/demo-wegewerkstatt-foto.png'],
		minutesTitle: 'Protokoll der Wegewerkstatt',
		photoTitle: 'Kartentisch mit eingezeichneten Wegen (ohne Personen)'
	}
] as const;

const DEMO_DOCUMENT_KEYS: string[] = PAST_WORKSHOPS.flatMap((w) => [...w.keys]);

/** Links the workshop's results (channel 'workshop' contributions) and stores its minutes and photo. */
async function documentPastWorkshop(
	trx: Kysely<DB>,
	now: Date,
	storage: Storage | undefined,
	workshop: (typeof PAST_WORKSHOPS)[number],
	eventId: string,
	startsAt: Date
): Promise<void> {
	const event = await trx
		.selectFrom('event')
		.select('consultation_id')
		.where('id', '=', eventId)
		.executeTakeFirst();
	const results = event?.consultation_id
		? await trx
				.updateTable('contribution')
				.set({ event_id: eventId, collected_on: cityDay(startsAt) })
				.where('consultation_id', '=', event.consultation_id)
				.where('channel', '=', 'workshop')
				.where('is_demo', '=', true)
				.returning('body')
				.execute()
		: [];
	if (!storage) return;
	const [pdf, png] = [
		await demoMinutesPdf({
			title: workshop.title,
			date: formatDate(startsAt, 'de'),
			results: results.slice(0, 8).map((r) => r.body)
		}),
		demoWorkshopPng()
	];
	const files = [
		{
			key: workshop.keys[0],
			bytes: pdf,
			type: 'application/pdf',
			kind: 'minutes',
			title: workshop.minutesTitle
		},
		{
			key: workshop.keys[1],
			bytes: png,
			type: 'image/png',
			kind: 'photo',
			title: workshop.photoTitle
		}
	] as const;
	for (const f of files) await storage.put(f.key, f.bytes, f.type);
	await trx
		.deleteFrom('upload')
		.where('storage_key', 'in', [...workshop.keys])
		.execute();
	const uploads = await trx
		.insertInto('upload')
		.values(
			files.map((f) => ({
				storage_key: f.key,
				content_type: f.type,
				size_bytes: f.bytes.length,
				created_at: now
			}))
		)
		.returning(['id', 'storage_key'])
		.execute();
	await trx
		.insertInto('event_document')
		.values(
			files.map((f) => ({
				event_id: eventId,
				upload_id: uploads.find((u) => u.storage_key === f.key)!.id,
				kind: f.kind,
				title: f.title,
				photo_consent: f.kind === 'photo',
				created_at: now
			}))
		)
		.execute();
}

export async function deleteDemoEvents(trx: Kysely<DB>): Promise<void> {
	await trx.deleteFrom('event').where('is_demo', '=', true).execute();
	await trx.deleteFrom('upload').where('storage_key', 'in', DEMO_DOCUMENT_KEYS).execute();
}
