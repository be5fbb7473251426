import { error, fail, redirect } from '@sveltejs/kit';
import { questionnaireDefinition } from '$lib/questionnaire/definition';
import { formValues, parseForm } from '$lib/server/core';
import {
	admitPublicWrite,
	listDocuments,
	resultsOfEvent,
	parseRegistrationAnswers,
	participantsByArea,
	registerForOccurrence,
	RegistrationForm,
	visibleEvent
} from '$lib/server/events';
import { participantsTable } from '$lib/server/events/disclosure';
import { measuresFor } from '$lib/server/measures';
import type { Actions, PageServerLoad } from './$types';

function visibleEventFor(locals: App.Locals, id: string) {
	return visibleEvent(locals.ctx.db, locals.ctx.actor, id);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, t, config } = locals.ctx;
	const found = await visibleEventFor(locals, params.id);
	if (!found) error(404, t('events.errors.not_found'));
	const { ev, canManage } = found;
	const def = ev.questions ? questionnaireDefinition.parse(ev.questions) : null;
	const areaQuestion = def?.questions.find((q) => q.type === 'area');
	const areaOptions =
		areaQuestion && areaQuestion.type === 'area'
			? await db
					.selectFrom('area as a')
					.innerJoin('area_level as l', 'l.id', 'a.level_id')
					.select(['a.id', 'a.name'])
					.where('l.key', '=', areaQuestion.level)
					.where('a.valid_to', 'is', null)
					.orderBy('a.name')
					.execute()
			: [];
	const k = config.smallCountK;
	const byArea = participantsTable(
		(await participantsByArea(db, ev.id)).map((r) => ({ name: r.name, count: r.count })),
		ev.occurrences.reduce((sum, o) => sum + o.registered, 0),
		k
	);
	return {
		event: {
			...ev,
			questions: null,
			occurrences: ev.occurrences.map((o) => ({
				...o,
				startsAt: o.startsAt.toISOString(),
				endsAt: o.endsAt.toISOString(),
				movedFrom: o.movedFrom?.toISOString() ?? null,
				updatedAt: undefined
			}))
		},
		questions: def?.questions ?? [],
		areaOptions,
		byArea,
		documents: (await listDocuments(db, ev.id)).map((d) => ({ id: d.id, kind: d.kind, title: d.title })),
		results: await resultsOfEvent(db, ev.id),
		// Issue 10: the measures that came out of this event (only once it is public)
		measures: ev.status === 'published' ? ((await measuresFor(db, 'event', [ev.id])).get(ev.id) ?? []) : [],
		k,
		canManage,
		done: url.searchParams.get('angemeldet'),
		position: url.searchParams.get('platz'),
		now: locals.ctx.now.toISOString()
	};
};

export const actions: Actions = {
	register: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const found = await visibleEventFor(locals, params.id);
		if (!found) error(404, ctx.t('events.errors.not_found'));
		const form = await request.formData();
		const parsed = parseForm(RegistrationForm, form, ctx.t);
		const answers = await parseRegistrationAnswers(ctx.db, found.ev.id, form);
		if (!parsed.ok || !answers.ok) {
			const errors = {
				...(parsed.ok ? {} : parsed.errors),
				...(answers.ok
					? {}
					: Object.fromEntries(Object.entries(answers.errors).map(([key, v]) => [`q.${key}`, ctx.t(v)])))
			};
			const values = formValues(form);
			return fail(400, { errors, values, occurrenceId: String(form.get('occurrenceId') ?? '') });
		}
		if (!found.ev.occurrences.some((o) => o.id === parsed.data.occurrenceId))
			error(404, ctx.t('events.errors.not_found'));
		if (!(await admitPublicWrite(ctx, 'events_register')))
			return fail(429, {
				errors: { form: ctx.t('events.errors.rateLimited') },
				values: formValues(form),
				occurrenceId: parsed.data.occurrenceId
			});
		const r = await registerForOccurrence(ctx, {
			occurrenceId: parsed.data.occurrenceId,
			name: parsed.data.name,
			email: parsed.data.email,
			locale: ctx.locale,
			answers: answers.answers,
			notifyResults: parsed.data.notifyResults,
			channel: 'online'
		});
		if (!r.ok)
			return fail(409, {
				errors: { form: ctx.t(`events.errors.${r.code}`) },
				values: formValues(form),
				occurrenceId: parsed.data.occurrenceId
			});
		redirect(
			303,
			`/termine/${found.ev.id}?angemeldet=${r.value.status}${r.value.waitingPosition ? `&platz=${r.value.waitingPosition}` : ''}`
		);
	}
};
