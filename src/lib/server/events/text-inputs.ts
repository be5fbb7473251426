// The events' free-text inputs for the XSS suite: what staff write (title, description, agenda, place,
// organiser, co-hosts, target group, a minutes title, a workshop result, a name entered by phone) and
// what residents write (registration name and answer, a name in the date poll).
import type { TextInputsHook } from '../participation/component';
import { createContribution } from '../contributions/create';
import { demoMinutesPdf } from './demo-files';
import { attachDocument } from './documents';
import { answerPoll, createPoll, getPoll } from './polls';
import { registerForOccurrence } from './registration';
import { createEvent } from './save-event';
import {
	AddDateForm,
	EventEditForm,
	EventForm,
	ListQuery,
	MoveForm,
	PollAnswerForm,
	RegistrationForm,
	StaffRegistrationForm
} from './schemas';

/** The texts of an event's form, all filled with the hostile text. */
const EVENT_TEXTS = [
	'title',
	'description',
	'agenda',
	'address',
	'onlineUrl',
	'organiser',
	'coHosts',
	'targetGroup',
	'interpreterLanguages'
];
const CHECKBOXES = [
	'step_free',
	'hearing_loop',
	'sign_language',
	'interpreters',
	'childcare',
	'q_kinderbetreuung',
	'q_sprache',
	'q_barrierefreiheit',
	'q_wohngebiet'
];
const CHECKBOX = 'a checkbox';
const NUMBER = 'a number or coordinates, parsed as such';
const TIME = 'a date and time, parsed as one';
/** The text as part of an address that passes a pattern (no spaces, one @ or https://). */
const squeezed = (text: string) => text.replace(/[\s@]/g, '');

/** "YYYY-MM-DDTHH:mm" (Berlin wall time is close enough for a date weeks ahead). */
const local = (d: Date) => d.toISOString().slice(0, 16);

export const eventTextInputs: TextInputsHook = {
	schemas: {
		EventForm,
		EventEditForm,
		RegistrationForm,
		StaffRegistrationForm,
		MoveForm,
		AddDateForm,
		PollAnswerForm,
		ListQuery
	},
	fields: [
		...EVENT_TEXTS.map((f) => `EventForm.${f}`),
		'RegistrationForm.name',
		'RegistrationForm.email',
		'StaffRegistrationForm.name',
		'PollAnswerForm.name',
		'PollAnswerForm.email',
		// reflected: the list is visited with the text as these filters
		'ListQuery.area',
		'ListQuery.language'
	],
	notText: {
		// the edit form writes the same columns, shown by the same components as a new event's
		...Object.fromEntries(
			EVENT_TEXTS.map((f) => [`EventEditForm.${f}`, 'the same field of EventForm, edited'])
		),
		...Object.fromEntries(
			CHECKBOXES.flatMap((f) => [
				[`EventForm.${f}`, CHECKBOX],
				[`EventEditForm.${f}`, CHECKBOX]
			])
		),
		'EventForm.dateOpen': CHECKBOX,
		...Object.fromEntries(
			['capacity', 'deadlineHours', 'point'].flatMap((f) => [
				[`EventForm.${f}`, NUMBER],
				[`EventEditForm.${f}`, NUMBER]
			])
		),
		'EventForm.repeatInterval': NUMBER,
		'EventForm.repeatCount': NUMBER,
		'EventForm.startsAt': TIME,
		'EventForm.endsAt': TIME,
		'MoveForm.startsAt': TIME,
		'MoveForm.endsAt': TIME,
		'MoveForm.occurrenceId': 'an id',
		'AddDateForm.startsAt': TIME,
		'AddDateForm.endsAt': TIME,
		'RegistrationForm.occurrenceId': 'an id',
		'RegistrationForm.notifyResults': CHECKBOX,
		'StaffRegistrationForm.occurrenceId': 'an id',
		'ListQuery.from': 'a date filter',
		'ListQuery.to': 'a date filter'
	},
	otherFields: [
		'registration answers (read by the questionnaire engine)',
		'document title',
		'workshop results (contributions)'
	],
	async create(ctx, consultation, text) {
		const staff = { ...ctx, actor: ctx.staff };
		const [place, category, areas] = await Promise.all([
			ctx.db
				.selectFrom('contribution')
				.select('geometry')
				.where('consultation_id', '=', consultation.id)
				.where('geometry_type', '=', 'Point')
				.executeTakeFirst(),
			ctx.db
				.selectFrom('consultation_category')
				.select('id')
				.where('consultation_id', '=', consultation.id)
				.executeTakeFirst(),
			ctx.db
				.selectFrom('consultation_area')
				.select('area_id')
				.where('consultation_id', '=', consultation.id)
				.execute()
		]);
		const [lng, lat] = (place?.geometry as { coordinates?: [number, number] } | null)?.coordinates ?? [];
		const day = 86_400_000;
		const starts = new Date(ctx.now.getTime() + 30 * day);
		const form = EventForm.parse({
			title: text.padEnd(3, '.').slice(0, 200),
			type: 'planungswerkstatt',
			description: text,
			agenda: text,
			address: text.slice(0, 300),
			organiser: text.slice(0, 300),
			coHosts: text,
			targetGroup: text,
			// an https address without spaces: what the pattern lets through still goes into a link
			onlineUrl: `https://example.org/${squeezed(text)}`.slice(0, 500),
			interpreterLanguages: text.slice(0, 300),
			startsAt: local(starts),
			endsAt: local(new Date(starts.getTime() + 2 * 3_600_000)),
			// every registration question, so the answers of each are rendered where answers show
			q_kinderbetreuung: 'on',
			q_sprache: 'on',
			q_barrierefreiheit: 'on',
			q_wohngebiet: 'on',
			...(lat !== undefined ? { point: `${lat}, ${lng}` } : {})
		});
		const created = await createEvent(staff, form, { consultationId: consultation.id, areaIds: [] });
		if (!created.ok) throw new Error(`event not created: ${created.code}`);
		const id = created.value.id;
		const occurrenceId = created.value.occurrenceIds[0];

		const register = (channel: 'online' | 'phone') =>
			registerForOccurrence(channel === 'online' ? ctx : staff, {
				occurrenceId,
				name: text.slice(0, 200),
				email: channel === 'online' ? `${squeezed(text).slice(0, 200)}@example.org` : null,
				locale: 'de',
				answers: channel === 'online' ? { barrierefreiheit: { type: 'long_text', text } } : {},
				notifyResults: false,
				channel
			});
		for (const channel of ['online', 'phone'] as const) {
			const registered = await register(channel);
			if (!registered.ok) throw new Error(`registration (${channel}) refused: ${registered.code}`);
		}

		const polled = await createPoll(staff, id, [
			{
				startsAt: new Date(starts.getTime() + 7 * day),
				endsAt: new Date(starts.getTime() + 7 * day + 3_600_000),
				cap: null
			},
			{
				startsAt: new Date(starts.getTime() + 8 * day),
				endsAt: new Date(starts.getTime() + 8 * day + 3_600_000),
				cap: null
			}
		]);
		if (!polled.ok) throw new Error(`poll not created: ${polled.code}`);
		const poll = await getPoll(ctx.db, { id: polled.value.pollId });
		if (!poll) throw new Error('poll not found');
		const answered = await answerPoll(ctx, poll, {
			name: text.slice(0, 100),
			email: `${squeezed(text).slice(0, 200)}@example.org`,
			locale: 'de',
			answers: { [poll.slots[0].id]: 'yes', [poll.slots[1].id]: 'maybe' }
		});
		if (!answered.ok) throw new Error(`poll answer refused: ${answered.code}`);

		const minutes = await attachDocument(staff, id, {
			kind: 'minutes',
			title: text.slice(0, 200),
			bytes: await demoMinutesPdf({ title: 'Protokoll', date: '2026-12-01', results: ['Ergebnis'] }),
			photoConsent: false
		});
		if (!minutes.ok) throw new Error(`minutes refused: ${minutes.code}`);
		const result = await createContribution(staff, consultation.id, {
			body: text,
			categoryId: category?.id ?? null,
			areaIds: areas.map((a) => a.area_id),
			channel: 'workshop',
			collectedOn: ctx.now.toISOString().slice(0, 10),
			eventId: id
		});
		if (!result.ok)
			throw new Error(`workshop result refused: ${result.code} ${JSON.stringify(result.errors)}`);

		return {
			itemType: null,
			id,
			paths: [
				`/termine/${id}`,
				'/termine',
				`/termine?area=${encodeURIComponent(text.slice(0, 100))}`,
				`/termine?language=${encodeURIComponent(text.trim().slice(0, 100) || 'x')}`,
				`/beteiligung/${consultation.slug}/termine`,
				`/termine/umfrage/${polled.value.token}`
			],
			staffPaths: [`/termine/${id}/verwalten`]
		};
	}
};
