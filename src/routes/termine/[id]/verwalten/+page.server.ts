import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { MAX_POLL_SLOTS, parseSlotRows, slotRowCount, slotRowsFromForm } from '$lib/events/poll-slots';
import { ACCESS_FACTS, EVENT_TYPES } from '$lib/events/types';
import { can } from '$lib/server/auth/permissions';
import { formValues, parseForm } from '$lib/server/core';
import {
	AddDateForm,
	addEventDate,
	attachDocument,
	cancelOccurrence,
	cancelRegistrationByStaff,
	checkInList,
	createPoll,
	EventEditForm,
	eventSubject,
	fixPollSlot,
	getEvent,
	markAttendance,
	moveOccurrence,
	MoveForm,
	pollResults,
	pollsOfEvent,
	questionField,
	registerForOccurrence,
	storedQuestionKeys,
	resultHomes,
	describeAnswers,
	StaffRegistrationForm,
	summariseAnswers,
	tellAttendees,
	updateEvent
} from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

async function managed(locals: App.Locals, id: string) {
	const { db, actor, t } = locals.ctx;
	const ev = await getEvent(db, id);
	const subject = ev ? await eventSubject(db, ev.id) : null;
	// A forbidden event looks like a missing one.
	if (!ev || !subject || !can(actor, 'events.manage', subject)) error(404, t('events.errors.not_found'));
	return ev;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ev = await managed(locals, params.id);
	const { db, t } = locals.ctx;
	const lists = await Promise.all(ev.occurrences.map((o) => checkInList(db, o.id)));
	const polls = await Promise.all(
		(await pollsOfEvent(db, ev.id)).map(async (p) => {
			const r = await pollResults(db, p);
			return {
				id: p.id,
				token: p.token,
				status: p.status,
				fixedSlotId: p.fixedSlotId,
				tallies: r.tallies.map((x) => {
					const slot = p.slots.find((s) => s.id === x.slotId)!;
					return {
						...x,
						startsAt: x.startsAt.toISOString(),
						endsAt: slot.endsAt.toISOString(),
						cap: slot.cap
					};
				}),
				people: r.people.length
			};
		})
	);
	return {
		event: {
			id: ev.id,
			title: ev.title,
			capacity: ev.capacity,
			consultationSlug: ev.consultationSlug,
			resultsNotifiedAt: ev.resultsNotifiedAt?.toISOString() ?? null
		},
		occurrences: ev.occurrences.map((o, i) => ({
			id: o.id,
			startsAt: o.startsAt.toISOString(),
			endsAt: o.endsAt.toISOString(),
			status: o.status,
			registered: o.registered,
			waiting: o.waiting,
			attendance: o.attendance,
			// registration answers: staff only (this page checks events.manage), never public
			answerCounts: summariseAnswers(lists[i], t),
			list: lists[i].map((r) => ({
				answers: describeAnswers(r, t),
				id: r.id,
				name: r.name,
				status: r.status,
				channel: r.channel,
				waitingPosition: r.waitingPosition,
				attended: r.attended
			}))
		})),
		polls,
		// A stand-alone event's results go into an open consultation covering its areas (see
		// events/result-home.ts): the ones this person may enter into.
		resultHomes: ev.consultationSlug ? [] : await resultHomes(locals.ctx, ev.id),
		// what the edit form starts with (the same field names the form posts)
		edit: {
			title: ev.title,
			type: ev.type,
			description: ev.description,
			agenda: ev.agenda,
			address: ev.address ?? '',
			point: ev.point ? `${ev.point[1]}, ${ev.point[0]}` : '',
			onlineUrl: ev.onlineUrl ?? '',
			organiser: ev.organiser,
			coHosts: ev.coHosts,
			targetGroup: ev.targetGroup,
			interpreterLanguages: ev.interpreterLanguages.join(', '),
			capacity: ev.capacity === null ? '' : String(ev.capacity),
			deadlineHours: String(ev.deadlineHours),
			...Object.fromEntries(ACCESS_FACTS.map((f) => [f, ev.facts.includes(f) ? 'on' : ''])),
			// the registration questions asked now (checked in the edit form)
			...Object.fromEntries(storedQuestionKeys(ev.questions).map((k) => [questionField(k), 'on']))
		} as Record<string, string>,
		types: EVENT_TYPES,
		done: url.searchParams.get('erledigt'),
		// how many registered or waiting people a cancelled or moved date was mailed to
		told: /^\d{1,6}$/.test(url.searchParams.get('benachrichtigt') ?? '')
			? Number(url.searchParams.get('benachrichtigt'))
			: null,
		origin: locals.ctx.config.origin
	};
};

const Id = z.object({ occurrenceId: z.uuid() });

export const actions: Actions = {
	edit: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const parsed = parseForm(EventEditForm, form, locals.ctx.t);
		if (!parsed.ok) return fail(400, { edit: true, errors: parsed.errors, values: parsed.values });
		const r = await updateEvent(locals.ctx, ev.id, parsed.data);
		if (!r.ok) {
			if (r.code === 'not_found') error(404, locals.ctx.t('events.errors.not_found'));
			return fail(409, {
				edit: true,
				errors: { capacity: locals.ctx.t(`events.errors.${r.code}`) },
				values: formValues(form)
			});
		}
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	cancelDate: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const p = Id.safeParse(Object.fromEntries(await request.formData()));
		if (!p.success || !ev.occurrences.some((o) => o.id === p.data.occurrenceId))
			return fail(400, { errors: { form: locals.ctx.t('events.errors.occurrenceInvalid') } });
		const r = await cancelOccurrence(locals.ctx, p.data.occurrenceId);
		if (!r.ok) return fail(409, { errors: { form: locals.ctx.t(`events.errors.${r.code}`) } });
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1&benachrichtigt=${r.value.told}`);
	},
	// "Termin hinzufügen": one more date (the errors and typed values go back to that form only)
	addDate: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const parsed = parseForm(AddDateForm, form, locals.ctx.t);
		if (!parsed.ok) return fail(400, { addDate: true, errors: parsed.errors, values: parsed.values });
		const r = await addEventDate(locals.ctx, ev.id, parsed.data);
		if (!r.ok) {
			if (r.code === 'not_found') error(404, locals.ctx.t('events.errors.not_found'));
			return fail(409, {
				addDate: true,
				errors: { startsAt: locals.ctx.t(`events.errors.${r.code}`) },
				values: formValues(form)
			});
		}
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	moveDate: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const occurrenceId = String(form.get('occurrenceId') ?? '');
		const parsed = parseForm(MoveForm, form, locals.ctx.t);
		// the errors and typed values go back to the form of this date only
		if (!parsed.ok) return fail(400, { move: occurrenceId, errors: parsed.errors, values: parsed.values });
		if (!ev.occurrences.some((o) => o.id === parsed.data.occurrenceId)) error(404);
		const r = await moveOccurrence(locals.ctx, parsed.data.occurrenceId, parsed.data);
		if (!r.ok)
			return fail(409, {
				move: occurrenceId,
				errors: { startsAt: locals.ctx.t(`events.errors.${r.code}`) },
				values: formValues(form)
			});
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1&benachrichtigt=${r.value.told}`);
	},
	staffRegister: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const occurrenceId = String(form.get('occurrenceId') ?? '');
		const parsed = parseForm(StaffRegistrationForm, form, locals.ctx.t);
		if (!parsed.ok) return fail(400, { staff: occurrenceId, errors: parsed.errors, values: parsed.values });
		if (!ev.occurrences.some((o) => o.id === parsed.data.occurrenceId)) error(404);
		const r = await registerForOccurrence(locals.ctx, {
			...parsed.data,
			email: null,
			locale: 'de',
			answers: {},
			notifyResults: false
		});
		if (!r.ok)
			return fail(409, {
				staff: occurrenceId,
				errors: { name: locals.ctx.t(`events.errors.${r.code}`) },
				values: formValues(form)
			});
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	cancelRegistration: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const id = z.uuid().safeParse((await request.formData()).get('registrationId'));
		const notFound = { errors: { form: locals.ctx.t('events.errors.not_found') } };
		if (!id.success) return fail(400, notFound);
		// only a registration for a date of this event (a forbidden one looks like a missing one)
		const lists = await Promise.all(ev.occurrences.map((o) => checkInList(locals.ctx.db, o.id)));
		if (!lists.some((l) => l.some((r) => r.id === id.data))) return fail(404, notFound);
		const r = await cancelRegistrationByStaff(locals.ctx, id.data);
		if (!r.ok) return fail(409, { errors: { form: locals.ctx.t(`events.errors.${r.code}`) } });
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	attendance: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const p = Id.safeParse({ occurrenceId: form.get('occurrenceId') });
		if (!p.success || !ev.occurrences.some((o) => o.id === p.data.occurrenceId)) error(404);
		const ids = form
			.getAll('attended')
			.filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v));
		await markAttendance(locals.ctx, p.data.occurrenceId, ids);
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	createPoll: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const { t } = locals.ctx;
		const form = await request.formData();
		const rows = slotRowsFromForm(form);
		// "weitere Zeile" without JavaScript: the same rows come back with one more, nothing is checked yet
		if (form.get('intent') === 'addRow')
			return { poll: true, pollRows: slotRowCount(rows.length, 1), slotValues: rows };
		const parsed = parseSlotRows(rows);
		if (!parsed.ok) {
			const errors: Record<string, string> = {};
			for (const e of parsed.rows)
				errors[`slot-${e.row}-${e.field}`] = t(`events.errors.${e.code}`, { row: e.row });
			errors.slots = parsed.form
				? t(`events.errors.${parsed.form}`, { max: MAX_POLL_SLOTS })
				: Object.values(errors).join(' ');
			return fail(400, { poll: true, errors, slotValues: rows });
		}
		const r = await createPoll(locals.ctx, ev.id, parsed.slots);
		if (!r.ok)
			return fail(400, {
				poll: true,
				errors: { slots: t(`events.errors.${r.code}`, { max: MAX_POLL_SLOTS }) },
				slotValues: rows
			});
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	fixPoll: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const p = z.object({ pollId: z.uuid(), slotId: z.uuid() }).safeParse(Object.fromEntries(form));
		if (!p.success) return fail(400, { errors: { form: locals.ctx.t('events.errors.not_found') } });
		const r = await fixPollSlot(locals.ctx, p.data.pollId, p.data.slotId);
		if (!r.ok) return fail(409, { errors: { form: locals.ctx.t(`events.errors.${r.code}`) } });
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	document: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const form = await request.formData();
		const file = form.get('file');
		const kind = form.get('kind') === 'photo' ? 'photo' : 'minutes';
		const title = String(form.get('title') ?? '');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { errors: { file: locals.ctx.t('events.errors.doc_type') }, values: { title } });
		const r = await attachDocument(locals.ctx, ev.id, {
			kind,
			title,
			bytes: new Uint8Array(await file.arrayBuffer()),
			photoConsent: form.get('photoConsent') === 'on'
		});
		if (!r.ok)
			return fail(400, { errors: { file: locals.ctx.t(`events.errors.${r.code}`) }, values: { title } });
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	},
	tell: async ({ locals, params, request }) => {
		const ev = await managed(locals, params.id);
		const message = String((await request.formData()).get('message') ?? '').slice(0, 4000);
		const r = await tellAttendees(locals.ctx, ev.id, message);
		if (!r.ok)
			return fail(400, { errors: { message: locals.ctx.t(`events.errors.${r.code}`) }, values: { message } });
		redirect(303, `/termine/${ev.id}/verwalten?erledigt=1`);
	}
};
