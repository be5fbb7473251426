// Managing a survey: settings, translations of title and intro, open/close, one-time codes (how many
// exist and are used — never which response used one). The question builder is …/bearbeiten.
import { error, fail, redirect } from '@sveltejs/kit';
import { LOCALE_NAMES, LOCALES } from '$lib/i18n';
import { formValues, translateFieldErrors } from '$lib/server/core';
import {
	codeCounts,
	countResponses,
	generateSurveyCodes,
	loadSurveyFor,
	saveSurveyTranslation,
	setSurveyStatus,
	surveyArea,
	surveyAreaOptions,
	updateSurveySettings,
	type SurveyStatus
} from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

async function managed(locals: App.Locals, params: { slug: string; id: string }, here: string) {
	const { actor, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(here)}`);
	const f = await loadSurveyFor(locals.ctx, params.id, 'surveys.manage');
	if (!f || f.consultation.slug !== params.slug) error(404, t('surveys.errors.not_found'));
	return f;
}

const local = (d: Date | null) =>
	d ? new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { survey, consultation } = await managed(locals, params, url.pathname);
	const [responses, complete, codes, area, areas] = await Promise.all([
		countResponses(locals.ctx.db, survey.id),
		countResponses(locals.ctx.db, survey.id, { completeOnly: true }),
		codeCounts(locals.ctx, survey.id),
		surveyArea(locals.ctx.db, survey.areaId),
		surveyAreaOptions(locals.ctx.db, survey.areaId)
	]);
	return {
		consultation: { slug: consultation.slug, title: consultation.title },
		base: `/beteiligung/${consultation.slug}/befragung/${survey.id}`,
		survey: {
			id: survey.id,
			title: survey.title,
			status: survey.status,
			accessMode: survey.accessMode,
			questions: survey.definition.questions.filter((q) => q.type !== 'info' && q.type !== 'page_break')
				.length,
			area: area ? { name: area.name, levelName: area.levelName } : null
		},
		areas,
		values: {
			title: survey.title,
			intro: survey.intro,
			introEasy: survey.introEasy,
			accessMode: survey.accessMode,
			anonymous: survey.anonymous ? 'on' : '',
			layout: survey.layout,
			opensAt: local(survey.opensAt),
			closesAt: local(survey.closesAt),
			areaId: survey.areaId ?? ''
		},
		translations: survey.translations,
		languages: LOCALES.filter((l) => l !== 'de').map((l) => ({ code: l, name: LOCALE_NAMES[l] })),
		responses,
		complete,
		codes
	};
};

export const actions: Actions = {
	settings: async ({ locals, params, request, url }) => {
		await managed(locals, params, url.pathname);
		const form = await request.formData();
		const r = await updateSurveySettings(locals.ctx, params.id, formValues(form));
		if (!r.ok)
			return fail(400, {
				settingsErrors: translateFieldErrors(r.errors ?? { form: `surveys.errors.${r.code}` }, locals.ctx.t),
				values: formValues(form)
			});
		return { saved: 'settings' as const };
	},
	translate: async ({ locals, params, request, url }) => {
		await managed(locals, params, url.pathname);
		const r = await saveSurveyTranslation(locals.ctx, params.id, formValues(await request.formData()));
		if (!r.ok) return fail(400, { translateError: locals.ctx.t(`surveys.errors.${r.code}`) });
		return { saved: 'translation' as const };
	},
	status: async ({ locals, params, request, url }) => {
		await managed(locals, params, url.pathname);
		const status = String((await request.formData()).get('status') ?? '') as SurveyStatus;
		const r = await setSurveyStatus(locals.ctx, params.id, status);
		if (!r.ok) return fail(400, { statusError: locals.ctx.t(`surveys.errors.${r.code}`) });
		return { saved: 'status' as const };
	},
	codes: async ({ locals, params, request, url }) => {
		await managed(locals, params, url.pathname);
		const r = await generateSurveyCodes(locals.ctx, params.id, formValues(await request.formData()));
		if (!r.ok)
			return fail(400, {
				codesError: r.errors?.count ? locals.ctx.t(r.errors.count) : locals.ctx.t(`surveys.errors.${r.code}`)
			});
		return { codes: r.value.codes };
	}
};
