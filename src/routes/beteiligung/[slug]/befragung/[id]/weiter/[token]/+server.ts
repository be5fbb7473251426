// The private resume link: puts the token in this browser's cookie and continues where it stopped.
import { redirect } from '@sveltejs/kit';
import { setResumeCookie } from '$lib/server/surveys';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, cookies, locals }) => {
	const base = `/beteiligung/${encodeURIComponent(params.slug)}/befragung/${encodeURIComponent(params.id)}`;
	if (/^[A-Za-z0-9_-]{20,64}$/.test(params.token) && /^[0-9a-f-]{36}$/i.test(params.id))
		setResumeCookie(cookies, params.id, params.token, locals.ctx.config.origin.startsWith('https:'));
	redirect(303, base);
};
