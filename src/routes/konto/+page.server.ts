import { error, fail, redirect } from '@sveltejs/kit';
import {
	changeDisplayName,
	changePassword,
	deleteAccount,
	getAccountOverview,
	requestEmailChange,
	resendVerification
} from '$lib/server/auth/account';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { parseForm } from '$lib/server/core';
import { retryMinutes } from '$lib/server/auth/limits';
import {
	ChangeEmailInput,
	ChangePasswordInput,
	DeleteAccountInput,
	DisplayNameInput
} from '$lib/server/auth/schemas';
import type { RequestContext } from '$lib/server/core';
import type { Actions, PageServerLoad } from './$types';

const SUCCESS = [
	'name',
	'email-angefordert',
	'email-geaendert',
	'passwort',
	'passwort-neu',
	'bestaetigt',
	'bestaetigung-gesendet'
] as const;

function signedIn(ctx: RequestContext) {
	if (!ctx.actor) redirect(303, '/anmelden?weiter=/konto');
	return ctx.actor;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = signedIn(locals.ctx);
	const account = await getAccountOverview(locals.ctx, actor.id);
	if (!account) error(404, locals.ctx.t('core.error.notFound'));
	const ok = url.searchParams.get('ok');
	return {
		account,
		roles: [...new Set(actor.grants.map((g) => g.role))],
		success: SUCCESS.find((s) => s === ok) ?? null
	};
};

const tooMany = (ctx: RequestContext, form: string, seconds: number) =>
	fail(429, {
		form,
		errors: { form: ctx.t('auth.tooManyRequests', { count: retryMinutes(seconds) }) },
		values: {}
	});

const passwordProblem = (
	ctx: RequestContext,
	form: string,
	code: 'password_missing' | 'wrong_password',
	values: Record<string, string> = {}
) =>
	fail(400, {
		form,
		errors: {
			currentPassword: ctx.t(
				code === 'password_missing'
					? 'auth.errors.currentPasswordRequired'
					: 'auth.errors.currentPasswordWrong'
			)
		},
		values
	});

export const actions: Actions = {
	name: async ({ request, locals }) => {
		const { ctx } = locals;
		const actor = signedIn(ctx);
		const form = parseForm(DisplayNameInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { form: 'name', errors: form.errors, values: form.values });
		await changeDisplayName(ctx, actor.id, form.data);
		redirect(303, '/konto?ok=name');
	},

	email: async ({ request, locals }) => {
		const { ctx } = locals;
		const actor = signedIn(ctx);
		const form = parseForm(ChangeEmailInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { form: 'email', errors: form.errors, values: form.values });
		const result = await requestEmailChange(ctx, actor.id, form.data);
		if (!result.ok) {
			if (result.code === 'rate_limited') return tooMany(ctx, 'email', result.retryAfterSeconds);
			if (result.code === 'wrong_password' || result.code === 'password_missing')
				return passwordProblem(ctx, 'email', result.code, { email: form.data.email });
			if (result.code === 'same_email') {
				return fail(400, {
					form: 'email',
					errors: { email: ctx.t('auth.errors.sameEmail') },
					values: { email: form.data.email }
				});
			}
			error(404, ctx.t('core.error.notFound'));
		}
		redirect(303, '/konto?ok=email-angefordert');
	},

	password: async ({ request, locals }) => {
		const { ctx } = locals;
		const actor = signedIn(ctx);
		const form = parseForm(ChangePasswordInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { form: 'password', errors: form.errors, values: {} });
		const result = await changePassword(ctx, actor.id, ctx.sessionId, form.data);
		if (!result.ok) {
			if (result.code === 'rate_limited') return tooMany(ctx, 'password', result.retryAfterSeconds);
			if (result.code === 'wrong_password' || result.code === 'password_missing')
				return passwordProblem(ctx, 'password', result.code);
			error(404, ctx.t('core.error.notFound'));
		}
		redirect(303, '/konto?ok=passwort');
	},

	resend: async ({ locals }) => {
		const { ctx } = locals;
		const actor = signedIn(ctx);
		const result = await resendVerification(ctx, actor.id);
		if (!result.ok) {
			if (result.code === 'rate_limited') return tooMany(ctx, 'resend', result.retryAfterSeconds);
			if (result.code === 'already_verified') redirect(303, '/konto?ok=bestaetigt');
			error(404, ctx.t('core.error.notFound'));
		}
		redirect(303, '/konto?ok=bestaetigung-gesendet');
	},

	delete: async ({ request, locals, cookies }) => {
		const { ctx } = locals;
		const actor = signedIn(ctx);
		const form = parseForm(DeleteAccountInput, await request.formData(), ctx.t);
		if (!form.ok) return fail(400, { form: 'delete', errors: form.errors, values: {} });
		const result = await deleteAccount(ctx, actor.id, form.data);
		if (!result.ok) {
			if (result.code === 'rate_limited') return tooMany(ctx, 'delete', result.retryAfterSeconds);
			if (result.code === 'wrong_password' || result.code === 'password_missing')
				return passwordProblem(ctx, 'delete', result.code);
			error(404, ctx.t('core.error.notFound'));
		}
		deleteSessionCookie(cookies, ctx.config);
		redirect(303, '/konto/geloescht');
	}
};
