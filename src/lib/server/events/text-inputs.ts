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
import { EventForm } from './schemas';

/** "YYYY-MM-DDTHH:mm" (Berlin wall time is close enough for a date weeks ahead). */
const local = (d: Date) => d.toISOString().slice(0, 16);

export const eventTextInputs: TextInputsHook = {
	fields: [
		'title',
		'description',
		'agenda',
		'address',
		'organiser',
		'coHosts',
		'targetGroup',
		'registration.name',
		'registration.answers',
		'staffRegistration.name',
		'poll.name',
		'document.title',
		'results (workshop contribution body)'
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
				email: null,
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
			email: null,
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
				`/beteiligung/${consultation.slug}/termine`,
				`/termine/umfrage/${polled.value.token}`
			],
			staffPaths: [`/termine/${id}/verwalten`]
		};
	}
};
