import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	STATUS_TRANSITIONS,
	TEAM_ROLES,
	addTeamMember,
	changeConsultationStatus,
	commandErrorMessage,
	getConsultationBySlug,
	getConsultationResults,
	isEditable,
	listTeam,
	listCreatableAreaChoices,
	readConsultationSubmission,
	removeTeamMember,
	saveConsultationResults,
	saveConsultationTranslation,
	updateConsultation,
	type ConsultationDetail,
	type ConsultationFormValues
} from '$lib/server/consultations';
import { cityDay } from '$lib/format/dates';
import { registry } from '$lib/server/participation/registry';
import { translateFieldErrors, type RequestContext } from '$lib/server/core';
import { LOCALES } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

function formValuesOf(c: ConsultationDetail): ConsultationFormValues {
	const day = (d: Date | null) => (d ? cityDay(d) : '');
	return {
		title: c.title,
		slug: c.slug,
		summary: c.summary,
		description: c.description,
		participationLevel: c.participationLevel,
		canInfluence: c.canInfluence,
		alreadyDecided: c.alreadyDecided,
		outcomePlan: c.outcomePlan,
		contactName: c.contactName,
		contactEmail: c.contactEmail ?? '',
		contactPhone: c.contactPhone ?? '',
		startsOn: day(c.startsAt),
		endsOn: day(c.endsAt),
		areaIds: c.areas.map((a) => a.id),
		categories: c.categories.map((x) => x.name).join('\n'),
		phases: c.phases.map((p) => ({
			name: p.name,
			description: p.description,
			startsOn: p.startsOn ?? '',
			endsOn: p.endsOn ?? ''
		})),
		allowAnonymous: c.allowAnonymous,
		preModeration: c.preModeration,
		requireConfirmedEmail: c.requireConfirmedEmail,
		modules: c.modules,
		autoHideAfterReports: String(c.autoHideAfterReports),
		imageAlt: c.imageAlt ?? ''
	};
}

/** The consultation if the actor manages it; otherwise it looks missing (404) or asks to sign in. */
async function managed(ctx: RequestContext, slug: string): Promise<ConsultationDetail> {
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(`/beteiligung/${slug}/bearbeiten`)}`);
	const c = await getConsultationBySlug(ctx.db, slug, ctx.actor);
	if (!c || !c.canManage) error(404, ctx.t('consultations.error.not_found'));
	return c;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	const c = await managed(ctx, params.slug);
	return {
		consultation: {
			id: c.id,
			slug: c.slug,
			title: c.title,
			status: c.status,
			editable: isEditable(c.status),
			transitions: [...STATUS_TRANSITIONS[c.status]],
			hasImage: c.imageUploadId !== null
		},
		values: formValuesOf(c),
		modules: registry.moduleInfos(),
		areaGroups: await listCreatableAreaChoices(
			ctx.db,
			ctx.actor,
			c.areas.map((a) => a.id)
		),
		team: await listTeam(ctx.db, c.id),
		results: (await getConsultationResults(ctx.db, c.id))?.body ?? '',
		resultsDone:
			(['saved', 'removed'] as const).find((s) => s === url.searchParams.get('ergebnisse')) ?? null,
		created: url.searchParams.has('angelegt'),
		translations: translationView(c, url)
	};
};

/** The language being translated (?sprache=), its saved texts and the German originals. */
function translationView(c: Awaited<ReturnType<typeof managed>>, url: URL) {
	const languages = LOCALES.filter((l) => l !== 'de');
	const asked = url.searchParams.get('sprache');
	const language = languages.find((l) => l === asked) ?? languages[0];
	return {
		language,
		languages: [...languages],
		values: c.translations[language] ?? {},
		german: {
			title: c.title,
			summary: c.summary,
			description: c.description,
			canInfluence: c.canInfluence,
			alreadyDecided: c.alreadyDecided,
			outcomePlan: c.outcomePlan
		},
		saved: url.searchParams.get('uebersetzt') === language
	};
}

const TeamForm = z.object({
	email: z.email().max(320),
	role: z.enum(TEAM_ROLES)
});

const StatusForm = z.object({
	to: z.enum(['published', 'closed', 'archived']),
	confirm: z.literal('on').optional()
});

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const submission = await readConsultationSubmission(await request.formData(), ctx.t);
		if (!submission.ok) return fail(400, { errors: submission.errors, values: submission.values });
		const result = await updateConsultation(ctx, c.id, submission.input, submission.image);
		if (!result.ok) {
			const field =
				result.code === 'slug_taken'
					? 'slug'
					: result.code === 'forbidden' || result.code === 'unknown_area'
						? 'areaIds'
						: 'form';
			return fail(result.code === 'not_found' ? 404 : 400, {
				errors: { [field]: commandErrorMessage(ctx.t, result.code, result.missing) },
				values: submission.values
			});
		}
		redirect(303, `/beteiligung/${result.value.slug}/bearbeiten?gespeichert=1`);
	},
	status: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const form = await request.formData();
		const parsed = StatusForm.safeParse({ to: form.get('to'), confirm: form.get('confirm') ?? undefined });
		if (!parsed.success) return fail(400, { statusError: ctx.t('consultations.error.invalid_transition') });
		const result = await changeConsultationStatus(ctx, c.id, parsed.data.to, parsed.data.confirm === 'on');
		if (!result.ok)
			return fail(result.code === 'not_found' ? 404 : 400, {
				statusError: commandErrorMessage(ctx.t, result.code, result.missing),
				statusTo: parsed.data.to
			});
		redirect(303, `/beteiligung/${c.slug}/bearbeiten?status=${result.value.status}`);
	},
	team: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const form = await request.formData();
		const raw = { email: String(form.get('email') ?? ''), role: String(form.get('role') ?? '') };
		const parsed = TeamForm.safeParse(raw);
		if (!parsed.success) return fail(400, { teamError: ctx.t('consultations.error.email'), teamValues: raw });
		const result = await addTeamMember(ctx, c.id, parsed.data.email, parsed.data.role);
		if (!result.ok) return fail(400, { teamError: commandErrorMessage(ctx.t, result.code), teamValues: raw });
		redirect(303, `/beteiligung/${c.slug}/bearbeiten?team=${parsed.data.role}#team-title`);
	},
	// Texts in another language; allowed in every status (a translation changes no decision).
	translate: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const form = Object.fromEntries(
			[...(await request.formData()).entries()].filter(([, v]) => typeof v === 'string')
		) as Record<string, string>;
		const result = await saveConsultationTranslation(ctx, c.id, form);
		if (!result.ok)
			return fail(result.code === 'not_found' ? 404 : 400, {
				translationErrors: translateFieldErrors(
					{ ...(result.errors ?? {}), form: 'consultations.error.form' },
					ctx.t
				),
				translationValues: form
			});
		redirect(
			303,
			`/beteiligung/${c.slug}/bearbeiten?sprache=${result.value.language}&uebersetzt=${result.value.language}#uebersetzungen`
		);
	},
	// Also when closed or archived: closing must not freeze the results.
	results: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const form = await request.formData();
		const text = String(form.get('results') ?? '');
		const result = await saveConsultationResults(ctx, c.id, { results: text });
		if (!result.ok)
			return fail(result.code === 'not_found' ? 404 : 400, {
				resultsError: ctx.t(result.errors?.results ?? 'consultations.error.not_found'),
				resultsValue: text
			});
		redirect(
			303,
			`/beteiligung/${c.slug}/bearbeiten?ergebnisse=${result.value.published ? 'saved' : 'removed'}#ergebnisse`
		);
	},
	removeTeamMember: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const form = await request.formData();
		const grantId = z.uuid().safeParse(form.get('grantId'));
		if (!grantId.success) return fail(400, { removeError: ctx.t('consultations.error.not_found') });
		const result = await removeTeamMember(ctx, c.id, grantId.data);
		if (!result.ok) return fail(400, { removeError: commandErrorMessage(ctx.t, result.code) });
		redirect(303, `/beteiligung/${c.slug}/bearbeiten?entfernt=1#team-title`);
	}
};
