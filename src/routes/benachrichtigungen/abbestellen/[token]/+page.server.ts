// One-click unsubscribe without login: the link from a notification mail. GET shows what the link
// ends (mail scanners that open links change nothing); the button ends it. A mail program's RFC 8058
// post (`List-Unsubscribe=One-Click`, from any origin: hooks.server.ts lets exactly that body through
// the origin check) lands in the same action. A wrong or guessed token is a 404 and changes nothing.
import { error, redirect } from '@sveltejs/kit';
import { describeTargets, findUnsubscribe, unsubscribeByToken } from '$lib/server/following';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, t } = locals.ctx;
	const done = url.searchParams.has('erledigt');
	const found = await findUnsubscribe(db, params.token);
	if (!found) {
		if (done) return { done: true, kind: null, title: null };
		error(404, t('following.unsubscribe.invalid'));
	}
	if (found.kind === 'all') return { done, kind: 'all' as const, title: null };
	const [view] = await describeTargets(db, [{ type: found.targetType, id: found.targetId }]);
	return { done, kind: 'follow' as const, title: view?.title ?? null };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const ok = await unsubscribeByToken(locals.ctx.db, params.token, locals.ctx.now);
		if (!ok) error(404, locals.ctx.t('following.unsubscribe.invalid'));
		redirect(303, `/benachrichtigungen/abbestellen/${params.token}?erledigt=1`);
	}
};
