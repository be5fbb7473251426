import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { checkMagicLink, loginWithMagicLink } from '$lib/server/auth/magic-link';
import { looksLikeToken } from '$lib/server/auth/one-time-tokens';
import type { Actions, PageServerLoad } from './$types';

// GET only shows a button (mail scanners open links); the POST uses the link up and signs in.
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!looksLikeToken(params.token)) return { state: 'invalid' as const };
	const check = await checkMagicLink(locals.ctx, params.token);
	return { state: check.state };
};

export const actions: Actions = {
	default: async ({ locals, params, cookies }) => {
		const { ctx } = locals;
		if (!looksLikeToken(params.token)) return fail(400, { state: 'invalid' as const });
		const result = await loginWithMagicLink(ctx, params.token);
		if (!result.ok) return fail(400, { state: result.code });
		setSessionCookie(cookies, ctx.config, result.value.token, result.value.session.expiresAt);
		redirect(303, '/konto');
	}
};
