import { fail, redirect } from '@sveltejs/kit';
import { parseForm } from '$lib/server/core';
import { retryMinutes } from '$lib/server/auth/limits';
import { register } from '$lib/server/auth/register';
import { RegisterInput } from '$lib/server/auth/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.ctx.actor) redirect(303, '/konto');
	return { sent: url.searchParams.has('gesendet') };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { ctx } = locals;
		const form = parseForm(RegisterInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await register(ctx, form.data);
		if (!result.ok) {
			return fail(429, {
				errors: { form: ctx.t('auth.tooManyRequests', { count: retryMinutes(result.retryAfterSeconds) }) },
				values: { displayName: form.data.displayName, email: form.data.email }
			});
		}
		// The same answer whether the address is new or known (no account enumeration).
		redirect(303, '/registrieren?gesendet');
	}
};
