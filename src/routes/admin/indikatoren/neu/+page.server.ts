import { fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import { createIndicator } from '$lib/server/indicators';
import { partOptions, readIndicatorForm } from '../form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'indicator.manage', undefined, url.pathname);
	return { parts: await partOptions(locals.ctx) };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const { t } = locals.ctx;
		const form = readIndicatorForm(await request.formData(), t);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await createIndicator(locals.ctx, form.data);
		if (!result.ok) {
			const errors: Record<string, string> =
				result.code === 'key_taken'
					? { key: t('indicators.form.keyTaken') }
					: { numeratorId: t('indicators.form.invalidParts') };
			return fail(400, { errors, values: form.values });
		}
		redirect(303, `/admin/indikatoren/${result.value.id}?meldung=angelegt`);
	}
};
