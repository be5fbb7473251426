import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { parseForm } from '$lib/server/core';
import { looksLikeToken } from '$lib/server/auth/one-time-tokens';
import { checkResetToken, resetPassword } from '$lib/server/auth/reset';
import { NewPasswordInput } from '$lib/server/auth/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!looksLikeToken(params.token)) return { state: 'invalid' as const };
	return { state: (await checkResetToken(locals.ctx, params.token)).state };
};

export const actions: Actions = {
	default: async ({ request, locals, params, cookies }) => {
		const { ctx } = locals;
		if (!looksLikeToken(params.token)) return fail(400, { state: 'invalid' as const, errors: {} });
		const form = parseForm(NewPasswordInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { state: 'valid' as const, errors: form.errors });
		const result = await resetPassword(ctx, params.token, form.data);
		if (!result.ok) return fail(400, { state: result.code, errors: {} });
		// Every old session has ended; this browser starts a fresh one.
		setSessionCookie(cookies, ctx.config, result.value.token, result.value.session.expiresAt);
		redirect(303, '/konto?ok=passwort-neu');
	}
};
