import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '$lib/i18n';
import { setAccountLocale } from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

const LanguageChoice = z.object({
	lang: z.enum(LOCALES),
	// Only same-site paths: never an open redirect.
	redirectTo: z
		.string()
		.regex(/^\/(?!\/)[^\s\\]*$/)
		.catch('/')
});

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const parsed = LanguageChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) redirect(303, '/');
		const { lang, redirectTo } = parsed.data;
		cookies.set(LOCALE_COOKIE, lang, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			sameSite: 'lax',
			httpOnly: false,
			secure: locals.ctx.config.origin.startsWith('https:')
		});
		// Signed in: mails (verification, reset, notices) follow the chosen language too.
		if (locals.ctx.actor) await setAccountLocale(locals.ctx.db, locals.ctx.actor.id, lang);
		// Drop a ?lang= from the page we return to, or it would override the new choice.
		const target = new URL(redirectTo, 'http://x');
		target.searchParams.delete('lang');
		redirect(303, target.pathname + target.search + target.hash);
	}
};
