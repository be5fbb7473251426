import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// Logging out changes state, so only a POST does it (the header's button); a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const { ctx } = locals;
		if (ctx.sessionId) await invalidateSession(ctx.db, ctx.sessionId);
		deleteSessionCookie(cookies, ctx.config);
		redirect(303, '/');
	}
};
