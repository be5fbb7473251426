import { z } from 'zod';
import { authorize } from '$lib/server/auth/permissions';
import { listOutbox } from '$lib/server/mail';
import { redirect } from '@sveltejs/kit';
import { runNotificationDigest } from '$lib/server/following';
import type { Actions, PageServerLoad } from './$types';

const Query = z.object({ seite: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'admin.outbox.read', undefined, url.pathname + url.search);
	const { seite } = Query.parse({ seite: url.searchParams.get('seite') ?? undefined });
	const outbox = await listOutbox(locals.ctx.db, seite);
	return {
		page: outbox.page,
		pages: outbox.pages,
		total: outbox.total,
		smtpConfigured: Boolean(locals.ctx.config.smtpUrl),
		digest: url.searchParams.get('benachrichtigungen'),
		entries: outbox.entries.map((e) => ({
			id: e.id,
			to: e.to,
			subject: e.subject,
			text: e.text,
			kind: e.kind,
			createdAt: e.createdAt.toISOString(),
			sentAt: e.sentAt?.toISOString() ?? null,
			attempts: e.attempts,
			lastError: e.lastError
		}))
	};
};

export const actions: Actions = {
	// Issue 10: run the notification job now (it also runs hourly), e.g. after a demo change.
	digest: async ({ locals, url }) => {
		authorize(locals.ctx, 'admin.outbox.read', undefined, url.pathname);
		const r = await runNotificationDigest(locals.ctx.db, {
			now: locals.ctx.now,
			origin: locals.ctx.config.origin
		});
		redirect(303, `/admin/postausgang?benachrichtigungen=${r.mailed}`);
	}
};
