// The signed-in person's notifications, newest first; they mark them as read.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { listNotifications, markNotificationsRead, PageParam } from '$lib/server/participation/outcomes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, db } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	const list = await listNotifications(db, actor.id, PageParam.parse(url.searchParams.get('seite') ?? 1));
	return { ...list, marked: url.searchParams.has('gelesen') };
};

const MarkForm = z.object({ id: z.uuid().optional() });

export const actions: Actions = {
	read: async ({ locals, request, url }) => {
		const form = await request.formData();
		const parsed = MarkForm.safeParse({ id: form.get('id') || undefined });
		if (!parsed.success) return fail(400, { error: locals.ctx.t('outcomes.errors.invalid') });
		const r = await markNotificationsRead(locals.ctx, parsed.data.id ?? null);
		if (!r.ok) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		const page = PageParam.parse(url.searchParams.get('seite') ?? 1);
		redirect(303, `/konto/benachrichtigungen?gelesen=1${page > 1 ? `&seite=${page}` : ''}`);
	}
};
