import { error, fail, redirect } from '@sveltejs/kit';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';
import {
	deleteReportTemplate,
	formInput,
	listReportDefinitions,
	mayUseReports,
	reportChoices,
	ReportDefinitionInput,
	saveReportDefinition,
	TEMPLATE_MAX_BYTES,
	uploadReportTemplate
} from '$lib/server/reports';
import type { Actions, PageServerLoad } from './$types';

function guard(locals: App.Locals, url: URL) {
	if (!locals.ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	if (!mayUseReports(locals.ctx)) error(404, locals.ctx.t('core.error.notFound'));
}

export const load: PageServerLoad = async ({ locals, url }) => {
	guard(locals, url);
	const [definitions, choices] = await Promise.all([
		listReportDefinitions(locals.ctx),
		reportChoices(locals.ctx)
	]);
	return {
		definitions: definitions.map((d) => ({
			id: d.id,
			title: d.title,
			areaCount: d.areaIds.length,
			lastRunAt: d.lastRunAt?.toISOString() ?? null
		})),
		choices
	};
};

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		guard(locals, url);
		const form = await request.formData();
		const input = formInput(form);
		const parsed = ReportDefinitionInput.safeParse(input);
		if (!parsed.success)
			return fail(400, {
				errors: translateFieldErrors(zodFieldErrors(parsed.error), locals.ctx.t),
				values: input
			});
		const r = await saveReportDefinition(locals.ctx, parsed.data);
		if (!r.ok)
			return fail(r.code === 'not_found' ? 404 : 400, {
				errors: { areaIds: locals.ctx.t('reports.error.unknownArea') },
				values: input
			});
		redirect(303, `/planung/berichte/${r.value.id}`);
	},
	upload: async ({ locals, request, url }) => {
		guard(locals, url);
		const form = await request.formData();
		const name = String(form.get('templateName') ?? '')
			.trim()
			.slice(0, 200);
		const file = form.get('templateFile');
		const errors: Record<string, string> = {};
		if (!name) errors.templateName = locals.ctx.t('reports.error.templateName');
		if (!(file instanceof File) || file.size === 0)
			errors.templateFile = locals.ctx.t('reports.error.templateMissing');
		else if (file.size > TEMPLATE_MAX_BYTES) errors.templateFile = locals.ctx.t('reports.error.too_large');
		if (Object.keys(errors).length || !(file instanceof File))
			return fail(400, { uploadErrors: errors, uploadValues: { templateName: name } });
		const r = await uploadReportTemplate(locals.ctx, {
			name,
			fileName: file.name,
			bytes: new Uint8Array(await file.arrayBuffer())
		});
		if (!r.ok)
			return fail(400, {
				uploadErrors: { templateFile: locals.ctx.t(`reports.error.${r.code}`) },
				uploadValues: { templateName: name }
			});
		redirect(303, '/planung/berichte?vorlage=gespeichert#vorlagen');
	},
	deleteTemplate: async ({ locals, request, url }) => {
		guard(locals, url);
		const form = await request.formData();
		const id = String(form.get('templateId') ?? '');
		if (form.get('confirm') !== 'yes')
			return fail(400, { templateDeleteError: locals.ctx.t('reports.error.confirmDelete'), templateId: id });
		const r = await deleteReportTemplate(locals.ctx, id);
		if (!r.ok) error(404, locals.ctx.t('core.error.notFound'));
		redirect(303, '/planung/berichte?vorlage=geloescht#vorlagen');
	}
};
