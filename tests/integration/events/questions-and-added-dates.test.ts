// On both databases, through the pages' own load functions and form actions (no HTTP): an organiser
// picks two of the four registration questions; only those are stored (in the fixed order), shown in
// the registration form and read from a registration; the edit form shows them checked, and changing
// the pick keeps the answers already given. "Termin hinzufügen": an end before the start and a date
// that is already there come back as German field errors with what was typed, another organiser is
// refused, and a new date is audited, in the event's .ics (own UID, SEQUENCE 0) and registrable.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import {
	addEventDate,
	AddDateForm,
	checkInList,
	describeAnswers,
	getEvent,
	registerForOccurrence
} from '../../../src/lib/server/events';
import { translator } from '../../../src/lib/i18n';
import { actions as newActions } from '../../../src/routes/termine/neu/+page.server';
import { actions as publicActions, load as publicLoad } from '../../../src/routes/termine/[id]/+page.server';
import { GET as eventIcsGET } from '../../../src/routes/termine/[id]/kalender.ics/+server';
import {
	actions as manageActions,
	load as manageLoad
} from '../../../src/routes/termine/[id]/verwalten/+page.server';
import { authContext, TEST_ORIGIN } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const NOW = new Date('2027-03-01T10:00:00Z');

function post(path: string, fields: Record<string, string>) {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return new Request(`${TEST_ORIGIN}${path}`, { method: 'POST', body });
}

type Handler = (event: unknown) => Promise<unknown>;
/** Runs an action or load; a redirect and an HTTP error become plain values. */
async function call(fn: unknown, event: Record<string, unknown>) {
	try {
		return await (fn as Handler)(event);
	} catch (e) {
		if (isRedirect(e)) return { redirected: e.location };
		if (isHttpError(e)) return { httpError: e.status };
		throw e;
	}
}

/** The VEVENTs of an .ics as python3-icalendar reads them (start in Berlin wall time). */
function parseIcs(ics: string): { uid: string; sequence: number; start: string }[] {
	const out = execFileSync(
		PYTHON,
		[
			'-c',
			`import sys, json, icalendar, zoneinfo
tz = zoneinfo.ZoneInfo('Europe/Berlin')
print(json.dumps([{'uid': str(e['UID']), 'sequence': int(e.get('SEQUENCE', 0)),
  'start': e.decoded('dtstart').astimezone(tz).strftime('%Y-%m-%d %H:%M')} for e in icalendar.Calendar.from_ical(sys.stdin.read()).walk('VEVENT')]))`
		],
		{ input: ics, encoding: 'utf8' }
	);
	return JSON.parse(out);
}

describeEachDatabase('events: picked registration questions and added dates', (get) => {
	let areas: AreaTree;
	let prefix: string;
	let organiser: Actor;
	let otherOrganiser: Actor;
	beforeAll(async () => {
		const db = get().db;
		prefix = `qd${Math.random().toString(36).slice(2, 6)}`;
		areas = await insertAreaTree(db, prefix);
		const [mine, other] = [await insertUser(db), await insertUser(db)];
		await db
			.insertInto('role_grant')
			.values([
				{ user_id: mine, role: 'quarter_manager', scope_type: 'area', scope_id: areas.altstadt },
				{ user_id: other, role: 'quarter_manager', scope_type: 'area', scope_id: areas.hafen }
			])
			.execute();
		organiser = await actorFor(db, mine);
		otherOrganiser = await actorFor(db, other);
	});
	const locals = (actor: Actor | null = organiser) => ({ ctx: authContext(get(), { actor, now: NOW }) });

	/** Creates an event through the "Neuer Termin" form, as the organiser. */
	async function createThroughForm(fields: Record<string, string>): Promise<string> {
		const r = (await call(newActions.default, {
			locals: locals(),
			url: new URL(`${TEST_ORIGIN}/termine/neu`),
			request: post('/termine/neu', {
				title: `${prefix} Werkstatt Fragen`,
				type: 'planungswerkstatt',
				address: 'Bürgerhaus, Marktplatz 1',
				area: `${prefix}-11`,
				startsAt: '2027-04-10T18:00',
				endsAt: '2027-04-10T20:00',
				...fields
			})
		})) as { redirected?: string };
		const id = /^\/termine\/([0-9a-f-]{36})\/verwalten$/.exec(r.redirected ?? '')?.[1];
		if (!id) throw new Error(`not created: ${JSON.stringify(r)}`);
		return id;
	}
	const storedKeys = async (id: string) => {
		const row = await get()
			.db.selectFrom('event')
			.select('questions')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		return (row.questions as { questions: { key: string }[] } | null)?.questions.map((q) => q.key) ?? null;
	};
	const manage = (
		id: string,
		name: keyof typeof manageActions,
		fields: Record<string, string>,
		actor = organiser
	) =>
		call(manageActions[name], {
			locals: locals(actor),
			params: { id },
			request: post(`/termine/${id}/verwalten`, fields)
		});

	it('stores and shows exactly the two picked questions; a registration keeps only their answers', async () => {
		// posted in another order than the form shows them: stored in the fixed order all the same
		const id = await createThroughForm({ q_wohngebiet: 'on', q_sprache: 'on' });
		expect(await storedKeys(id)).toEqual(['sprache', 'wohngebiet']);

		// The residence question asks for a Stadtteil; this test city's level has its own key (set as
		// another level would have been stored before): still picked, it keeps that stored level below.
		const levelKey = `${prefix}-stadtteil`;
		const stored = await get()
			.db.selectFrom('event')
			.select('questions')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		const def = stored.questions as { questions: { key: string; level?: string }[] };
		def.questions[1].level = levelKey;
		await get()
			.db.updateTable('event')
			.set({ questions: JSON.stringify(def) })
			.where('id', '=', id)
			.execute();

		// none picked: no questions at all
		const none = await createThroughForm({});
		expect(await storedKeys(none)).toBeNull();

		const page = (await call(publicLoad, {
			locals: locals(null),
			params: { id },
			url: new URL(`${TEST_ORIGIN}/termine/${id}`)
		})) as { questions: { key: string }[]; event: { occurrences: { id: string }[] } };
		expect(page.questions.map((q) => q.key)).toEqual(['sprache', 'wohngebiet']);
		const manageData = (await call(manageLoad, {
			locals: locals(),
			params: { id },
			url: new URL(`${TEST_ORIGIN}/termine/${id}/verwalten`)
		})) as { edit: Record<string, string> };
		expect(manageData.edit).toMatchObject({ q_sprache: 'on', q_wohngebiet: 'on' });
		expect(manageData.edit.q_kinderbetreuung).toBeUndefined();
		expect(manageData.edit.q_barrierefreiheit).toBeUndefined();

		// A resident registers; answers to questions that were not asked are not read.
		const occurrenceId = page.event.occurrences[0].id;
		const registered = await call(publicActions.register, {
			locals: locals(null),
			params: { id },
			request: post(`/termine/${id}`, {
				occurrenceId,
				name: 'Ayşe',
				'q.sprache': 'tr',
				'q.wohngebiet': areas.altstadt,
				'q.kinderbetreuung': 'yes',
				'q.barrierefreiheit': 'Rollstuhlplatz'
			})
		});
		expect(registered).toMatchObject({ redirected: expect.stringContaining('angemeldet=registered') });
		const reg = await get()
			.db.selectFrom('event_registration')
			.select(['answers', 'area_id'])
			.where('occurrence_id', '=', occurrenceId)
			.executeTakeFirstOrThrow();
		expect(Object.keys(reg.answers as object).sort()).toEqual(['sprache', 'wohngebiet']);
		expect(reg.area_id).toBe(areas.altstadt);

		// The organiser asks childcare instead of the language from now on: the answers given stay.
		const edited = await manage(id, 'edit', {
			title: `${prefix} Werkstatt Fragen`,
			type: 'planungswerkstatt',
			address: 'Bürgerhaus, Marktplatz 1',
			q_kinderbetreuung: 'on',
			q_wohngebiet: 'on'
		});
		expect(edited).toEqual({ redirected: `/termine/${id}/verwalten?erledigt=1` });
		expect(await storedKeys(id)).toEqual(['kinderbetreuung', 'wohngebiet']);
		const kept = await get()
			.db.selectFrom('event')
			.select('questions')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect((kept.questions as { questions: { key: string; level?: string }[] }).questions[1]).toMatchObject({
			key: 'wohngebiet',
			level: levelKey
		});
		const list = await checkInList(get().db, occurrenceId);
		expect(describeAnswers(list[0], translator('de'))).toEqual(['Türkisch', 'Altstadt']);
		// a change of the questions alone does not send calendars an update
		const occ = await get()
			.db.selectFrom('event_occurrence')
			.select('sequence')
			.where('id', '=', occurrenceId)
			.executeTakeFirstOrThrow();
		expect(occ.sequence).toBe(0);
		const audit = await get()
			.db.selectFrom('audit_log')
			.select(['actor_id', 'details'])
			.where('action', '=', 'events.update')
			.where('subject_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(audit.actor_id).toBe(organiser.id);
		expect(audit.details).toMatchObject({
			changed: ['questions'],
			questions: ['kinderbetreuung', 'wohngebiet']
		});
		// the public form now asks childcare and the area, not the language
		const after = (await call(publicLoad, {
			locals: locals(null),
			params: { id },
			url: new URL(`${TEST_ORIGIN}/termine/${id}`)
		})) as { questions: { key: string }[] };
		expect(after.questions.map((q) => q.key)).toEqual(['kinderbetreuung', 'wohngebiet']);
	});

	it('adds a date: German field errors keep what was typed; duplicates and other organisers are refused', async () => {
		const id = await createThroughForm({});
		const endBefore = await manage(id, 'addDate', {
			startsAt: '2027-05-08T18:00',
			endsAt: '2027-05-08T17:00'
		});
		expect(isActionFailure(endBefore)).toBe(true);
		expect(endBefore).toMatchObject({
			status: 400,
			data: {
				addDate: true,
				errors: { endsAt: 'Das Ende muss nach dem Beginn liegen.' },
				values: { startsAt: '2027-05-08T18:00', endsAt: '2027-05-08T17:00' }
			}
		});
		const empty = await manage(id, 'addDate', { startsAt: '', endsAt: '2027-05-08T20:00' });
		expect(empty).toMatchObject({
			status: 400,
			data: {
				errors: { startsAt: 'Bitte geben Sie Datum und Uhrzeit an.' },
				values: { endsAt: '2027-05-08T20:00' }
			}
		});
		// the first date again (another end does not make it another date)
		const duplicate = await manage(id, 'addDate', {
			startsAt: '2027-04-10T18:00',
			endsAt: '2027-04-10T21:00'
		});
		expect(duplicate).toMatchObject({
			status: 409,
			data: {
				addDate: true,
				errors: { startsAt: 'Zu dieser Zeit beginnt schon ein Termin dieser Veranstaltung.' },
				values: { startsAt: '2027-04-10T18:00', endsAt: '2027-04-10T21:00' }
			}
		});
		// a manager of another Stadtteil: the event looks missing, on the page and in the command
		expect(
			await manage(
				id,
				'addDate',
				{ startsAt: '2027-05-08T18:00', endsAt: '2027-05-08T20:00' },
				otherOrganiser
			)
		).toEqual({ httpError: 404 });
		const slot = AddDateForm.parse({ startsAt: '2027-05-08T18:00', endsAt: '2027-05-08T20:00' });
		const foreign = await addEventDate(authContext(get(), { actor: otherOrganiser, now: NOW }), id, slot);
		expect(foreign.ok ? 'ok' : foreign.code).toBe('not_found');
		const anonymous = await addEventDate(authContext(get(), { now: NOW }), id, slot);
		expect(anonymous.ok ? 'ok' : anonymous.code).toBe('not_found');
		expect((await getEvent(get().db, id))?.occurrences).toHaveLength(1);
		const refusedAudits = await get()
			.db.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'events.add_date')
			.where('actor_id', 'in', [organiser.id, otherOrganiser.id])
			.execute();
		expect(refusedAudits).toHaveLength(0);
	});

	it('a new date is audited, in the .ics with its own UID, and open for registration', async () => {
		const id = await createThroughForm({ q_sprache: 'on' });
		// 8 May is summer time (+02:00), the first date in April too; Berlin wall time either way
		const added = await manage(id, 'addDate', { startsAt: '2027-05-08T10:00', endsAt: '2027-05-08T12:30' });
		expect(added).toEqual({ redirected: `/termine/${id}/verwalten?erledigt=1` });
		const ev = await getEvent(get().db, id);
		expect(ev?.occurrences.map((o) => o.startsAt.toISOString())).toEqual([
			'2027-04-10T16:00:00.000Z',
			'2027-05-08T08:00:00.000Z'
		]);
		const newDate = ev!.occurrences[1];
		expect(newDate.endsAt.toISOString()).toBe('2027-05-08T10:30:00.000Z');
		expect(newDate.status).toBe('scheduled');

		const audit = await get()
			.db.selectFrom('audit_log')
			.select(['actor_id', 'subject_type', 'details'])
			.where('action', '=', 'events.add_date')
			.where('subject_id', '=', newDate.id)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actor_id: organiser.id,
			subject_type: 'event_occurrence',
			details: { eventId: id, startsAt: '2027-05-08T08:00:00.000Z' }
		});

		const ics = (await eventIcsGET({ params: { id }, locals: locals(null) } as unknown as Parameters<
			typeof eventIcsGET
		>[0])) as Response;
		const vevents = parseIcs(await ics.text());
		expect(vevents.map((e) => [e.start, e.sequence])).toEqual([
			['2027-04-10 18:00', 0],
			['2027-05-08 10:00', 0]
		]);
		expect(new Set(vevents.map((e) => e.uid)).size).toBe(2);
		expect(vevents[1].uid).toContain(newDate.id);

		const page = (await call(publicLoad, {
			locals: locals(null),
			params: { id },
			url: new URL(`${TEST_ORIGIN}/termine/${id}`)
		})) as { event: { occurrences: { id: string }[] } };
		expect(page.event.occurrences.map((o) => o.id)).toContain(newDate.id);
		const r = await registerForOccurrence(authContext(get(), { now: NOW }), {
			occurrenceId: newDate.id,
			name: 'Ben',
			email: null,
			locale: 'de',
			answers: { sprache: { type: 'single_choice', choice: 'de' } },
			notifyResults: false,
			channel: 'online'
		});
		expect(r.ok && r.value.status).toBe('registered');

		// a cancelled date may be offered again at the same time
		await get()
			.db.updateTable('event_occurrence')
			.set({ status: 'cancelled' })
			.where('id', '=', newDate.id)
			.execute();
		expect(await manage(id, 'addDate', { startsAt: '2027-05-08T10:00', endsAt: '2027-05-08T12:30' })).toEqual(
			{
				redirected: `/termine/${id}/verwalten?erledigt=1`
			}
		);
		// …but not to an event that is called off
		await get().db.updateTable('event').set({ status: 'cancelled' }).where('id', '=', id).execute();
		expect(
			await manage(id, 'addDate', { startsAt: '2027-06-08T10:00', endsAt: '2027-06-08T12:30' })
		).toMatchObject({
			status: 409,
			data: { errors: { startsAt: 'Diese Veranstaltung ist abgesagt; es kann kein Termin hinzukommen.' } }
		});
	});
});
