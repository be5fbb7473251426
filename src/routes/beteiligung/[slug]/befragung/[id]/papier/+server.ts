// GET …/befragung/[id]/papier: the printable paper version (PDF, A4) for staff who hand out paper
// questionnaires or interview door to door (permission surveys.enter_analog; a forbidden survey looks missing).
import { error, redirect } from '@sveltejs/kit';
import { listAreaLevels, listAreas } from '$lib/server/areas/queries';
import { loadSurveyFor, localizeSurvey } from '$lib/server/surveys';
import { paperSurveyPdf } from '$lib/server/survey-results/paper';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	const found = await loadSurveyFor(ctx, params.id, 'surveys.enter_analog');
	if (!found || found.consultation.slug !== params.slug) error(404, ctx.t('consultations.error.not_found'));
	const [areas] = await Promise.all([listAreas(ctx.db), listAreaLevels(ctx.db)]);
	const texts = localizeSurvey(found.survey, ctx.locale);
	const bytes = await paperSurveyPdf({
		title: texts.title.text,
		intro: texts.intro.text,
		definition: found.survey.definition,
		areas: areas
			.slice()
			.sort((a, b) => a.name.localeCompare(b.name, 'de'))
			.map((a) => ({ name: a.name, level: a.levelKey })),
		locale: ctx.locale,
		t: (key, p) => ctx.t(key, p ?? {}) as string
	});
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="befragung-${found.survey.id.slice(0, 8)}-papier.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
