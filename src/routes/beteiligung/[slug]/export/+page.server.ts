// Choose an export format; the download itself is ./[format]/+server.ts (it checks permission again).
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { authorize } from '$lib/server/auth/permissions';
import { getConsultationBySlug } from '$lib/server/consultations';
import type { RequestContext } from '$lib/server/core';
import { EXPORT_FORMATS } from '$lib/server/participation/exports';
import { registry } from '$lib/server/participation/registry';
import type { Actions, PageServerLoad } from './$types';

const Download = z.object({ format: z.enum(EXPORT_FORMATS, { error: 'exports.page.formatInvalid' }) });

async function exportable(ctx: RequestContext, slug: string) {
	const c = await getConsultationBySlug(ctx.db, slug, ctx.actor);
	if (!c) error(404, ctx.t('consultations.error.not_found'));
	authorize(ctx, 'consultation.export', c.subject, `/beteiligung/${slug}/export`);
	return c;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const c = await exportable(locals.ctx, params.slug);
	return {
		consultation: { slug: c.slug, title: c.title },
		formats: [...EXPORT_FORMATS],
		modules: registry.sectionsFor(c.modules).map((s) => s.labelKey)
	};
};

export const actions: Actions = {
	// Works without JavaScript: the browser follows the redirect and saves the attachment.
	default: async ({ locals, params, request }) => {
		await exportable(locals.ctx, params.slug);
		const form = Download.safeParse(Object.fromEntries(await request.formData()));
		if (!form.success) return fail(400, { error: locals.ctx.t('exports.page.formatInvalid') });
		redirect(303, `/beteiligung/${params.slug}/export/${form.data.format}`);
	}
};
