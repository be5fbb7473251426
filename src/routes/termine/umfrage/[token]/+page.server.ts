import { error, fail, redirect } from '@sveltejs/kit';
import type { PollAnswer as Answer } from '$lib/events/types';
import { formValues, parseForm } from '$lib/server/core';
import {
	admitPublicWrite,
	answerPoll,
	getPoll,
	getResponseByToken,
	PollAnswer,
	PollAnswerForm,
	pollResults,
	updatePollAnswers
} from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, t } = locals.ctx;
	const poll = await getPoll(db, { token: params.token });
	if (!poll) error(404, t('events.errors.not_found'));
	const edit = url.searchParams.get('antwort');
	const mine = edit ? await getResponseByToken(db, poll.id, edit) : null;
	const results = await pollResults(db, poll);
	const fixed = poll.slots.find((s) => s.id === poll.fixedSlotId);
	return {
		poll: {
			title: poll.title,
			eventId: poll.eventId,
			status: poll.status,
			fixedAt: fixed?.startsAt.toISOString() ?? null,
			slots: poll.slots.map((s) => {
				const tally = results.tallies.find((x) => x.slotId === s.id)!;
				return {
					id: s.id,
					startsAt: s.startsAt.toISOString(),
					endsAt: s.endsAt.toISOString(),
					cap: s.cap,
					yes: tally.yes,
					maybe: tally.maybe,
					full: tally.full
				};
			})
		},
		people: results.people,
		mine: mine ? { name: mine.name, email: mine.email, answers: mine.answers } : null,
		editToken: mine ? edit : null,
		saved: url.searchParams.has('gespeichert')
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		const poll = await getPoll(ctx.db, { token: params.token });
		if (!poll) error(404, ctx.t('events.errors.not_found'));
		const form = await request.formData();
		const parsed = parseForm(PollAnswerForm, form, ctx.t);
		const answers: Record<string, Answer> = {};
		for (const s of poll.slots) {
			const a = PollAnswer.safeParse(form.get(`slot.${s.id}`));
			if (a.success) answers[s.id] = a.data;
		}
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const edit = url.searchParams.get('antwort');
		if (!(await admitPublicWrite(ctx, 'events_poll')))
			return fail(429, { errors: { form: ctx.t('events.errors.rateLimited') }, values: formValues(form) });
		if (edit) {
			const r = await updatePollAnswers(ctx, poll, edit, { ...parsed.data, answers });
			if (!r.ok)
				return fail(409, { errors: { form: ctx.t(`events.errors.${r.code}`) }, values: formValues(form) });
			redirect(303, `/termine/umfrage/${poll.token}?antwort=${encodeURIComponent(edit)}&gespeichert`);
		}
		const r = await answerPoll(ctx, poll, { ...parsed.data, locale: ctx.locale, answers });
		if (!r.ok)
			return fail(409, { errors: { form: ctx.t(`events.errors.${r.code}`) }, values: formValues(form) });
		redirect(303, `/termine/umfrage/${poll.token}?antwort=${r.value.editToken}&gespeichert`);
	}
};
