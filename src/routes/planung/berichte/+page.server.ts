import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';
import {
	deleteReportTemplate,
	formInput,
	listReportDefinitions,
	listReportTemplates,
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

// The two lists page on their own: ?seite=N (saved definitions), ?vorlagen=N (templates).
const PageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);
const pageParam = (v: FormDataEntryValue | string | null) => PageNumber.parse(v ?? 1);

/** The reports page at the given list positions (page 1 leaves its parameter out). */
function listsHref(query: Record<string, string | number>, hash = '') {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(query)) if (!(k !== 'vorlage' && Number(v) === 1)) q.set(k, String(v));
	const qs = q.toString();
	return `/planung/berichte${qs ? `?${qs}` : ''}${hash}`;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	guard(locals, url);
	const [definitions, templates, choices] = await Promise.all([
		listReportDefinitions(locals.ctx, { page: pageParam(url.searchParams.get('seite')) }),
		listReportTemplates(locals.ctx, { page: pageParam(url.searchParams.get('vorlagen')) }),
		reportChoices(locals.ctx)
	]);
	return {
		definitions: {
			items: definitions.items.map((d) => ({
				id: d.id,
				title: d.title,
				areaCount: d.areaIds.length,
				lastRunAt: d.lastRunAt?.toISOString() ?? null
			})),
			total: definitions.total,
			page: definitions.page,
			pageCount: definitions.pageCount
		},
		templates: {
			items: templates.items.map((tpl) => ({ id: tpl.id, name: tpl.name, fileName: tpl.fileName })),
			total: templates.total,
			page: templates.page,
			pageCount: templates.pageCount
		},
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
		// the new template is the newest: the first page of templates, the saved list where it was
		redirect(303, listsHref({ vorlage: 'gespeichert', seite: pageParam(form.get('seite')) }, '#vorlagen'));
	},
	deleteTemplate: async ({ locals, request, url }) => {
		guard(locals, url);
		const form = await request.formData();
		const id = String(form.get('templateId') ?? '');
		if (form.get('confirm') !== 'yes')
			return fail(400, { templateDeleteError: locals.ctx.t('reports.error.confirmDelete'), templateId: id });
		const r = await deleteReportTemplate(locals.ctx, id);
		if (!r.ok) error(404, locals.ctx.t('core.error.notFound'));
		redirect(
			303,
			listsHref(
				{
					vorlage: 'geloescht',
					seite: pageParam(form.get('seite')),
					vorlagen: pageParam(form.get('vorlagen'))
				},
				'#vorlagen'
			)
		);
	}
};
