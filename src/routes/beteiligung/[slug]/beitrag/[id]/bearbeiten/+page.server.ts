// The anonymous author's private link: ?token=… lets them change or delete their contribution.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	deleteContribution,
	editContribution,
	getContribution,
	isAuthor,
	translateErrors
} from '$lib/server/contributions';
import { getOutcome } from '$lib/server/participation/outcomes';
import type { Actions, PageServerLoad } from './$types';

const Token = z.string().regex(/^[a-z2-7]{16,64}$/);

async function check(locals: App.Locals, id: string, token: string | null) {
	const ctx = locals.ctx;
	if (!z.uuid().safeParse(id).success || !Token.safeParse(token).success || !(await isAuthor(ctx, id, token)))
		error(404, ctx.t('contributions.created.tokenInvalid'));
	const c = await getContribution(ctx, id);
	if (!c) error(404, ctx.t('contributions.created.tokenInvalid'));
	return c;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const token = url.searchParams.get('token');
	const c = await check(locals, params.id, token);
	return {
		slug: params.slug,
		id: c.id,
		body: c.body,
		status: c.status,
		replyCount: c.replyCount,
		token: token!,
		// The anonymous author's way to see what became of their input.
		outcome: c.parentId ? null : await getOutcome(locals.ctx.db, 'contribution', c.id)
	};
};

export const actions: Actions = {
	edit: async ({ locals, params, request }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? '');
		const body = String(form.get('body') ?? '');
		await check(locals, params.id, token);
		const r = await editContribution(locals.ctx, params.id, { body }, token);
		if (!r.ok) return fail(400, { errors: translateErrors(locals.ctx.t, r.code, r.errors), body });
		return { saved: true };
	},
	delete: async ({ locals, params, request }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? '');
		await check(locals, params.id, token);
		const r = await deleteContribution(locals.ctx, params.id, token);
		if (!r.ok) return fail(400, { errors: translateErrors(locals.ctx.t, r.code) });
		redirect(303, `/beteiligung/${params.slug}/beitrag/${params.id}`);
	}
};
