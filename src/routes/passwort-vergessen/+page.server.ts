import { fail, redirect } from '@sveltejs/kit';
import { parseForm } from '$lib/server/core';
import { retryMinutes } from '$lib/server/auth/limits';
import { requestPasswordReset } from '$lib/server/auth/reset';
import { EmailInput } from '$lib/server/auth/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ sent: url.searchParams.has('gesendet') });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { ctx } = locals;
		const form = parseForm(EmailInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await requestPasswordReset(ctx, form.data);
		if (!result.ok) {
			return fail(429, {
				errors: { form: ctx.t('auth.tooManyRequests', { count: retryMinutes(result.retryAfterSeconds) }) },
				values: { email: form.data.email }
			});
		}
		redirect(303, '/passwort-vergessen?gesendet');
	}
};
