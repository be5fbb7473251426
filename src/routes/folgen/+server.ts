// The follow button's form (no JavaScript needed): follow or unfollow, then back to the page.
import { error, redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { FollowInput, followCommand } from '$lib/server/following';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, request }) => {
	const ctx = locals.ctx;
	const form = await request.formData();
	const parsed = FollowInput.safeParse(
		Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'))
	);
	if (!parsed.success) error(400, ctx.t('following.errors.invalid'));
	const back = safeRedirectTarget(parsed.data.returnTo, '/konto/benachrichtigungen');
	if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(back)}`);
	const r = await followCommand(ctx, parsed.data);
	if (!r.ok) {
		if (r.code === 'login_required') redirect(303, `/anmelden?weiter=${encodeURIComponent(back)}`);
		error(404, ctx.t('following.errors.notFound'));
	}
	redirect(303, back);
};
