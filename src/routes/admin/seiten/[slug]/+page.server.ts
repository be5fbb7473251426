import { error, fail, redirect } from '@sveltejs/kit';
import { DEFAULT_LOCALE, isLocale } from '$lib/i18n';
import { authorize } from '$lib/server/auth/permissions';
import {
	defaultPageText,
	getSavedPageText,
	isPageSlug,
	PageTextInput,
	savePageText,
	type PageSlug
} from '$lib/server/pages';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';
import type { Actions, PageServerLoad } from './$types';

function slugOf(params: { slug: string }): PageSlug {
	if (!isPageSlug(params.slug)) error(404, 'not found');
	return params.slug;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	authorize(locals.ctx, 'admin.pages.edit', undefined, url.pathname + url.search);
	const slug = slugOf(params);
	const requested = url.searchParams.get('sprache');
	const textLocale = isLocale(requested) ? requested : DEFAULT_LOCALE;
	const saved = await getSavedPageText(locals.ctx.db, slug, textLocale);
	const fallback = defaultPageText(slug, textLocale, locals.ctx.config);
	return {
		slug,
		textLocale,
		title: saved?.title ?? fallback.title,
		body: saved?.body ?? fallback.body,
		savedAt: saved?.updatedAt ?? null,
		saved: url.searchParams.get('meldung') === 'gespeichert'
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'admin.pages.edit');
		const slug = slugOf(params);
		const form = await request.formData();
		const values = {
			locale: String(form.get('locale') ?? ''),
			title: String(form.get('title') ?? ''),
			body: String(form.get('body') ?? '')
		};
		const parsed = PageTextInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { errors: translateFieldErrors(zodFieldErrors(parsed.error), locals.ctx.t), values });
		const result = await savePageText(locals.ctx, slug, parsed.data);
		if (!result.ok) error(403, locals.ctx.t('core.error.forbidden'));
		redirect(303, `/admin/seiten/${slug}?sprache=${parsed.data.locale}&meldung=gespeichert`);
	}
};
