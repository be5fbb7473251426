// The signed-in person's notifications, newest first; they mark them as read.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { listNotifications, markNotificationsRead, PageParam } from '$lib/server/participation/outcomes';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';
import {
	describeTargets,
	getNotificationSettings,
	listFollowRows,
	saveSettingsCommand,
	SettingsInput
} from '$lib/server/following';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, db } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	const list = await listNotifications(db, actor.id, PageParam.parse(url.searchParams.get('seite') ?? 1));
	// Issue 10: how mails arrive, and what the person follows.
	const [settings, follows] = await Promise.all([
		getNotificationSettings(db, actor.id),
		listFollowRows(db, actor.id)
	]);
	const views = await describeTargets(
		db,
		follows.map((f) => ({ type: f.targetType, id: f.targetId }))
	);
	return {
		...list,
		marked: url.searchParams.has('gelesen'),
		settingsSaved: url.searchParams.has('gespeichert'),
		settings,
		follows: views.map((v) => ({
			...v,
			auto: follows.find((f) => f.targetType === v.type && f.targetId === v.id)?.auto ?? false
		}))
	};
};

const MarkForm = z.object({ id: z.uuid().optional() });

export const actions: Actions = {
	settings: async ({ locals, request, url }) => {
		if (!locals.ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		const form = await request.formData();
		const parsed = SettingsInput.safeParse({
			delivery: form.get('delivery') ?? undefined,
			autoFollow: form.get('autoFollow') ?? undefined
		});
		if (!parsed.success)
			return fail(400, { settingsErrors: translateFieldErrors(zodFieldErrors(parsed.error), locals.ctx.t) });
		const r = await saveSettingsCommand(locals.ctx, parsed.data);
		if (!r.ok) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		redirect(303, '/konto/benachrichtigungen?gespeichert=1#einstellungen');
	},
	read: async ({ locals, request, url }) => {
		if (!locals.ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		const form = await request.formData();
		const parsed = MarkForm.safeParse({ id: form.get('id') || undefined });
		if (!parsed.success) return fail(400, { error: locals.ctx.t('outcomes.errors.invalid') });
		const r = await markNotificationsRead(locals.ctx, parsed.data.id ?? null);
		// another person's notification looks like a missing one
		if (!r.ok && r.code === 'not_found') error(404, locals.ctx.t('core.error.notFound'));
		if (!r.ok) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		const page = PageParam.parse(url.searchParams.get('seite') ?? 1);
		redirect(303, `/konto/benachrichtigungen?gelesen=1${page > 1 ? `&seite=${page}` : ''}`);
	}
};
