import { fail, redirect } from '@sveltejs/kit';
import { looksLikeToken } from '$lib/server/auth/one-time-tokens';
import { checkVerificationToken, confirmEmailToken } from '$lib/server/auth/verify';
import type { Actions, PageServerLoad } from './$types';

// The link from a verification or e-mail-change mail. GET shows a button (mail scanners open links);
// the POST confirms.
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!looksLikeToken(params.token)) return { state: 'invalid' as const, purpose: null, newEmail: null };
	const check = await checkVerificationToken(locals.ctx, params.token);
	if (check.state !== 'valid') return { state: check.state, purpose: null, newEmail: null };
	return { state: 'valid' as const, purpose: check.token.purpose, newEmail: check.token.newEmail };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const { ctx } = locals;
		if (!looksLikeToken(params.token)) return fail(400, { state: 'invalid' as const });
		const result = await confirmEmailToken(ctx, params.token);
		if (!result.ok) return fail(400, { state: result.code });
		const signedIn = ctx.actor?.id === result.value.userId;
		if (result.value.purpose === 'change_email') {
			redirect(303, signedIn ? '/konto?ok=email-geaendert' : '/anmelden?hinweis=email-geaendert');
		}
		redirect(303, signedIn ? '/konto?ok=bestaetigt' : '/anmelden?hinweis=bestaetigt');
	}
};
