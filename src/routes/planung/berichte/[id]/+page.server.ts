import { error, fail, redirect } from '@sveltejs/kit';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';
import {
	deleteReportDefinition,
	formInput,
	getReportDefinition,
	mayUseReports,
	previewDefinition,
	reportChoices,
	ReportDefinitionInput,
	saveReportDefinition
} from '$lib/server/reports';
import type { Actions, PageServerLoad } from './$types';

function guard(locals: App.Locals, url: URL) {
	if (!locals.ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	if (!mayUseReports(locals.ctx)) error(404, locals.ctx.t('core.error.notFound'));
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	guard(locals, url);
	const definition = await getReportDefinition(locals.ctx, params.id);
	if (!definition) error(404, locals.ctx.t('core.error.notFound'));
	const [doc, choices] = await Promise.all([
		previewDefinition(locals.ctx, params.id),
		reportChoices(locals.ctx)
	]);
	if (!doc) error(404, locals.ctx.t('core.error.notFound'));
	return {
		definition: {
			id: definition.id,
			title: definition.title,
			lastRunAt: definition.lastRunAt?.toISOString() ?? null,
			values: {
				title: definition.title,
				areaIds: definition.areaIds,
				indicatorKeys: definition.indicatorKeys,
				consultationIds: definition.consultationIds,
				themeIds: definition.themeIds,
				language: definition.language,
				templateId: definition.templateId ?? ''
			}
		},
		doc: { title: doc.title, locale: doc.locale, blocks: doc.blocks },
		choices
	};
};

export const actions: Actions = {
	save: async ({ locals, request, url, params }) => {
		guard(locals, url);
		const input = formInput(await request.formData());
		const parsed = ReportDefinitionInput.safeParse(input);
		if (!parsed.success)
			return fail(400, {
				errors: translateFieldErrors(zodFieldErrors(parsed.error), locals.ctx.t),
				values: input
			});
		const r = await saveReportDefinition(locals.ctx, parsed.data, params.id);
		if (!r.ok) {
			if (r.code === 'not_found') error(404, locals.ctx.t('core.error.notFound'));
			return fail(400, { errors: { areaIds: locals.ctx.t('reports.error.unknownArea') }, values: input });
		}
		redirect(303, `/planung/berichte/${r.value.id}`);
	},
	delete: async ({ locals, request, url, params }) => {
		guard(locals, url);
		const form = await request.formData();
		if (form.get('confirm') !== 'yes')
			return fail(400, { deleteError: locals.ctx.t('reports.error.confirmDelete') });
		const r = await deleteReportDefinition(locals.ctx, params.id);
		if (!r.ok) error(404, locals.ctx.t('core.error.notFound'));
		redirect(303, '/planung/berichte');
	}
};
