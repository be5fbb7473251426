import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { parseForm } from '$lib/server/core';
import { retryMinutes } from '$lib/server/auth/limits';
import { login } from '$lib/server/auth/login';
import { requestMagicLink } from '$lib/server/auth/magic-link';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { EmailInput, LoginInput } from '$lib/server/auth/schemas';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/accounts';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['bestaetigt', 'email-geaendert', 'link-gesendet', 'abgemeldet'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	const weiter = safeRedirectTarget(url.searchParams.get('weiter'));
	if (locals.ctx.actor) redirect(303, weiter);
	const notice = url.searchParams.get('hinweis');
	return {
		weiter: weiter === '/konto' ? '' : weiter,
		notice: NOTICES.find((n) => n === notice) ?? null,
		// Demo mode only (never with DATABASE_URL or in production): the demo accounts and their password.
		demoAccounts: getApp().demoMode ? DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role })) : [],
		demoPassword: getApp().demoMode ? DEMO_PASSWORD : null
	};
};

export const actions: Actions = {
	login: async ({ request, locals, cookies }) => {
		const { ctx } = locals;
		const data = await request.formData();
		const weiter = safeRedirectTarget(data.get('weiter'));
		const form = parseForm(LoginInput, data, ctx.t);
		if (!form.ok) return fail(400, { form: 'login', errors: form.errors, values: form.values });
		const result = await login(ctx, form.data);
		if (!result.ok) {
			const message =
				result.code === 'rate_limited'
					? ctx.t('auth.login.tooManyAttempts', { count: retryMinutes(result.retryAfterSeconds) })
					: ctx.t('auth.login.invalidCredentials');
			return fail(result.code === 'rate_limited' ? 429 : 400, {
				form: 'login',
				errors: { form: message },
				values: { email: form.data.email }
			});
		}
		setSessionCookie(cookies, ctx.config, result.value.token, result.value.session.expiresAt);
		redirect(303, weiter);
	},

	link: async ({ request, locals }) => {
		const { ctx } = locals;
		const form = parseForm(EmailInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { form: 'link', errors: form.errors, values: form.values });
		const result = await requestMagicLink(ctx, form.data);
		if (!result.ok) {
			return fail(429, {
				form: 'link',
				errors: { form: ctx.t('auth.tooManyRequests', { count: retryMinutes(result.retryAfterSeconds) }) },
				values: { email: form.data.email }
			});
		}
		redirect(303, '/anmelden?hinweis=link-gesendet');
	}
};
