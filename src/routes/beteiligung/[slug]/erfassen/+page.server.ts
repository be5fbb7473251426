// Staff (analog) entry: managers of the consultation enter what was collected on paper, in
// interviews, workshops … placed on the map or by the area picker, several in a row.
// No honeypot and no netiquette consent: these are not the residents' own posts.
import { error, fail, redirect } from '@sveltejs/kit';
import { cityDay } from '$lib/format/dates';
import { areaPickerGroups, consultationAreaShapes, consultationBounds } from '$lib/server/areas';
import { can } from '$lib/server/auth/permissions';
import { zodFieldErrors } from '$lib/server/core';
import { consultationRef, isOpen } from '$lib/server/consultations';
import {
	ANALOG_CHANNELS,
	createContribution,
	listEnteredBy,
	readContributionForm,
	StaffEntryFields,
	translateErrors
} from '$lib/server/contributions';
import { eventForEntry, eventsOfConsultation } from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

/** The consultation, when the actor manages it; otherwise it looks missing (or asks to sign in). */
async function managed(locals: App.Locals, slug: string, here: string) {
	const { actor, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(here)}`);
	const facts = await consultationRef(locals.ctx, { slug });
	if (!facts || !can(actor, 'map_comments.enter_analog', facts.subject))
		error(404, t('contributions.errors.notFound'));
	return { facts, actor };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, now, config } = locals.ctx;
	const { facts, actor } = await managed(locals, params.slug, url.pathname);
	const [groups, bounds, areaShapes, entered, events] = await Promise.all([
		areaPickerGroups(db, facts.areaIds),
		consultationBounds(db, facts.areaIds),
		consultationAreaShapes(db, facts.areaIds),
		listEnteredBy(db, facts.id, actor.id),
		eventsOfConsultation(db, facts.id)
	]);
	// Opened from an event's organiser page (?termin=ID): that event, channel 'workshop'. A stand-alone
	// event this consultation covers joins the list (its results live here; see events/result-home.ts).
	const termin = url.searchParams.get('termin');
	if (termin && /^[0-9a-f-]{36}$/i.test(termin) && !events.some((e) => e.id === termin)) {
		const standAlone = await eventForEntry(db, termin, facts.id);
		if (standAlone) events.unshift(standAlone);
	}
	return {
		consultation: {
			slug: facts.slug,
			title: facts.title,
			categories: facts.categories.map((k) => ({ id: k.id, name: k.name }))
		},
		open: isOpen(facts, now),
		channels: ANALOG_CHANNELS,
		today: cityDay(now),
		groups,
		bounds,
		areaShapes,
		entered,
		events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt?.toISOString() ?? null })),
		termin: events.some((e) => e.id === termin) ? termin : null,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		const { facts } = await managed(locals, params.slug, url.pathname);
		const form = await readContributionForm(await request.formData());
		const refuse = (status: number, code: string, errors?: Record<string, string>) =>
			fail(status, {
				errors: translateErrors(ctx.t, code, errors),
				values: form.values,
				areaIds: form.areaIds
			});
		const staff = StaffEntryFields.safeParse(form.input);
		if (!staff.success) return refuse(400, 'invalid', zodFieldErrors(staff.error));
		// Staff posts carry neither a honeypot nor photos (paper scans are not published).
		const result = await createContribution(ctx, facts.id, { ...form.input, ...staff.data, website: '' });
		if (!result.ok) return refuse(result.code === 'forbidden' ? 403 : 400, result.code, result.errors);
		const { total } = await listEnteredBy(ctx.db, facts.id, ctx.actor!.id, 0);
		return {
			saved: { id: result.value.id, total },
			// The next entry is often from the same pile: channel and date stay.
			keep: {
				channel: staff.data.channel,
				collectedOn: staff.data.collectedOn,
				eventId: typeof form.input.eventId === 'string' ? form.input.eventId : ''
			}
		};
	}
};
