// POST …/befragung/[id]/codebogen (count=…): generates that many one-time codes and returns them as
// a sheet to print (PDF) — the plain codes exist only in this answer. Permission surveys.manage.
import { error, redirect } from '@sveltejs/kit';
import { generateSurveyCodes, loadSurveyFor, localizeSurvey } from '$lib/server/surveys';
import { codeSheetPdf } from '$lib/server/survey-results/paper';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const ctx = locals.ctx;
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	const found = await loadSurveyFor(ctx, params.id, 'surveys.manage');
	if (!found || found.consultation.slug !== params.slug) error(404, ctx.t('consultations.error.not_found'));
	const form = await request.formData();
	const result = await generateSurveyCodes(ctx, params.id, { count: form.get('count') });
	if (!result.ok) {
		if (result.code === 'not_found') error(404, ctx.t('consultations.error.not_found'));
		error(
			400,
			ctx.t(
				result.code === 'not_code_mode'
					? 'surveysResults.codes.notCodeMode'
					: 'surveysResults.codes.countInvalid'
			)
		);
	}
	const answerUrl = `${url.origin}/beteiligung/${params.slug}/befragung/${params.id}`;
	const bytes = await codeSheetPdf({
		title: localizeSurvey(found.survey, ctx.locale).title.text,
		url: answerUrl,
		codes: result.value.codes,
		t: (key, p) => ctx.t(key, p ?? {}) as string
	});
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="befragung-${found.survey.id.slice(0, 8)}-codes.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
