// A survey's start page: intro (and Leichte Sprache), who may answer, start or continue, thanks.
import { error, fail, redirect } from '@sveltejs/kit';
import {
	ensureBrowserToken,
	loadSurveyForRespondent,
	localizeSurvey,
	participationState,
	respondentFor,
	setResumeCookie,
	startResponse,
	surveyIsOpen
} from '$lib/server/surveys';
import { isOpen } from '$lib/server/consultations';
import { proofFor } from '$lib/server/participation';
import type { Actions, PageServerLoad } from './$types';

async function found(locals: App.Locals, slug: string, id: string) {
	const f = await loadSurveyForRespondent(locals.ctx, slug, id);
	if (!f) error(404, locals.ctx.t('surveys.errors.not_found'));
	return f;
}

export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
	const ctx = locals.ctx;
	const f = await found(locals, params.slug, params.id);
	const { survey, consultation } = f;
	const state = await participationState(ctx, survey, respondentFor(cookies, ctx.secret, survey.id));
	const texts = localizeSurvey(survey, ctx.locale);
	const base = `/beteiligung/${consultation.slug}/befragung/${survey.id}`;
	return {
		survey: {
			id: survey.id,
			title: texts.title,
			intro: texts.intro,
			introEasy: survey.introEasy,
			accessMode: survey.accessMode,
			anonymous: survey.anonymous,
			status: survey.status,
			questions: survey.definition.questions.filter((q) => q.type !== 'info' && q.type !== 'page_break')
				.length
		},
		consultation: { slug: consultation.slug, title: consultation.title },
		base,
		open: surveyIsOpen(survey, ctx.now) && isOpen(consultation, ctx.now),
		state: state.state,
		continuePage: state.state === 'in_progress' ? state.response.page : 0,
		signedIn: !!ctx.actor,
		loginHref: `/anmelden?weiter=${encodeURIComponent(url.pathname)}`,
		// anonymous starts where the operator turned proof-of-work on
		proof: state.state === 'new' ? proofFor(ctx) : null,
		canManage: f.canManage,
		done: url.searchParams.has('fertig')
	};
};

export const actions: Actions = {
	start: async ({ locals, params, request, cookies }) => {
		const ctx = locals.ctx;
		const f = await found(locals, params.slug, params.id);
		const secure = ctx.config.origin.startsWith('https:');
		const form = await request.formData();
		const code = String(form.get('code') ?? '');
		const who = respondentFor(cookies, ctx.secret, f.survey.id);
		const state = await participationState(ctx, f.survey, who);
		const base = `/beteiligung/${f.consultation.slug}/befragung/${f.survey.id}`;
		if (state.state === 'in_progress') redirect(303, `${base}/seite/${state.response.page + 1}`);
		if (f.survey.accessMode === 'anyone') who.browserToken = ensureBrowserToken(cookies, ctx.secret, secure);
		const result = await startResponse(ctx, f, who, {
			code,
			proof: {
				powChallenge: String(form.get('powChallenge') ?? ''),
				powNonce: String(form.get('powNonce') ?? '')
			}
		});
		if (!result.ok) {
			const status = result.code === 'rate_limited' ? 429 : 400;
			return fail(status, {
				error: ctx.t(`surveys.errors.${result.code}`),
				code: f.survey.accessMode === 'code' ? code : ''
			});
		}
		setResumeCookie(cookies, f.survey.id, result.value.resumeToken, secure);
		redirect(303, `${base}/seite/1`);
	}
};
