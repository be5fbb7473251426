import { fail, redirect } from '@sveltejs/kit';
import { cancelRegistrationByToken, hashToken } from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (url.searchParams.has('erledigt')) return { state: 'done' as const };
	const valid = /^[A-Za-z0-9_-]{40,60}$/.test(params.token)
		? await locals.ctx.db
				.selectFrom('event_registration')
				.select('id')
				.where('cancel_token_hash', '=', hashToken(params.token))
				.where('status', 'in', ['registered', 'waiting'])
				.executeTakeFirst()
		: undefined;
	return { state: valid ? ('confirm' as const) : ('invalid' as const) };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const r = await cancelRegistrationByToken(locals.ctx, params.token);
		if (!r.ok) return fail(404, { invalid: true });
		redirect(303, `/termine/abmelden/${params.token}?erledigt`);
	}
};
