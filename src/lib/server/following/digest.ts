// The notification mail job (`qk notifications digest`, and hourly in the app): every person with
// waiting events gets at most one mail per run and per day — immediately (hourly runs) or as the
// weekly digest (the default). Each person is handled in one transaction holding their settings row
// locked, so two app nodes running the job at once cannot both mail them. Events whose item is no
// longer public (hidden, unpublished, deleted) are dropped, never mailed.
import type { Kysely } from 'kysely';
import { isLocale, translator } from '../../i18n';
import {
	DAY_MS,
	groupDigest,
	mailDue,
	WEEK_MS,
	type Delivery,
	type DigestEvent
} from '../../notifications/digest';
import type { DB } from '../db/types';
import { absoluteUrl, enqueueMail } from '../mail';
import { registry as appRegistry, type Registry } from '../participation/registry';
import { ensureSettingsRow } from './follow';
import { describeTargets, publicEventItems, refKey } from './targets';

export interface DigestReport {
	/** people looked at (with waiting events) */
	people: number;
	/** mails written to the outbox */
	mailed: number;
	/** events dropped (item no longer public, or the person switched mails off) */
	dropped: number;
}

export async function runNotificationDigest(
	db: Kysely<DB>,
	options: {
		now?: Date;
		origin: string;
		registry?: Registry;
		/** people handled in one run (the rest wait for the next hourly run) */
		batchSize?: number;
	}
): Promise<DigestReport> {
	const now = options.now ?? new Date();
	const registry = options.registry ?? appRegistry;
	const people = await peopleDue(db, now, options.batchSize ?? 5000);
	const report: DigestReport = { people: people.length, mailed: 0, dropped: 0 };
	for (const userId of people) {
		const r = await digestForPerson(db, userId, now, options.origin, registry);
		report.mailed += r.mailed ? 1 : 0;
		report.dropped += r.dropped;
	}
	return report;
}

/**
 * The people with waiting events whom this run has something to do for: a mail is due (mailDue's
 * rule in SQL: the last mail a day old, the last weekly digest a week old), or their waiting events
 * are to be dropped (mails off, account blocked). Weekly subscribers not yet due are left out here,
 * so a batch is never filled with people the run would skip (they would starve those behind them).
 * digestForPerson checks mailDue again under the row lock; this only chooses whom to look at.
 */
async function peopleDue(db: Kysely<DB>, now: Date, limit: number): Promise<string[]> {
	const dayAgo = new Date(now.getTime() - DAY_MS);
	const weekAgo = new Date(now.getTime() - WEEK_MS);
	const rows = await db
		.selectFrom('notification_delivery as d')
		.innerJoin('app_user as u', 'u.id', 'd.user_id')
		.leftJoin('notification_setting as s', 's.user_id', 'd.user_id')
		.select('d.user_id')
		.distinct()
		.where('d.mailed_at', 'is', null)
		.where('d.dropped_at', 'is', null)
		.where((eb) =>
			eb.or([
				// No settings row yet: the weekly default, never mailed.
				eb('s.user_id', 'is', null),
				eb('s.delivery', '=', 'off'),
				eb('u.blocked_at', 'is not', null),
				eb.and([
					eb.or([eb('s.last_mail_at', 'is', null), eb('s.last_mail_at', '<=', dayAgo)]),
					eb.or([
						eb('s.delivery', '!=', 'weekly'),
						eb('s.last_digest_at', 'is', null),
						eb('s.last_digest_at', '<=', weekAgo)
					])
				])
			])
		)
		.orderBy('d.user_id')
		.limit(limit)
		.execute();
	return rows.map((r) => r.user_id);
}

async function digestForPerson(
	db: Kysely<DB>,
	userId: string,
	now: Date,
	origin: string,
	registry: Registry
): Promise<{ mailed: boolean; dropped: number }> {
	await ensureSettingsRow(db, userId, now);
	return db.transaction().execute(async (trx) => {
		const setting = await trx
			.selectFrom('notification_setting')
			.select(['delivery', 'token', 'last_mail_at', 'last_digest_at'])
			.where('user_id', '=', userId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const person = await trx
			.selectFrom('app_user')
			.select(['email', 'display_name', 'locale', 'blocked_at'])
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		const pending = await trx
			.selectFrom('notification_delivery as d')
			.innerJoin('notification_event as e', 'e.id', 'd.event_id')
			.select(['e.id', 'e.item_type', 'e.item_id', 'e.message_key', 'e.params', 'e.path', 'e.created_at'])
			.where('d.user_id', '=', userId)
			.where('d.mailed_at', 'is', null)
			.where('d.dropped_at', 'is', null)
			.orderBy('e.created_at')
			.execute();
		const drop = async (eventIds: string[]) => {
			if (eventIds.length === 0) return;
			await trx
				.updateTable('notification_delivery')
				.set({ dropped_at: now })
				.where('user_id', '=', userId)
				.where('event_id', 'in', eventIds)
				.execute();
		};
		const delivery = setting.delivery as Delivery;
		if (delivery === 'off' || person.blocked_at) {
			await drop(pending.map((e) => e.id));
			return { mailed: false, dropped: pending.length };
		}
		const due = mailDue(
			{
				delivery,
				lastMailAt: setting.last_mail_at ? new Date(setting.last_mail_at) : null,
				lastDigestAt: setting.last_digest_at ? new Date(setting.last_digest_at) : null,
				pending: pending.length
			},
			now
		);
		if (!due) return { mailed: false, dropped: 0 };

		// Only what is still public goes into the mail.
		const visible = await publicEventItems(
			trx,
			pending.map((e) => ({ itemType: e.item_type, itemId: e.item_id })),
			registry
		);
		const keep = pending.filter((e) => visible.has(refKey(e.item_type, e.item_id)));
		const gone = pending.filter((e) => !visible.has(refKey(e.item_type, e.item_id)));
		await drop(gone.map((e) => e.id));
		if (keep.length === 0) return { mailed: false, dropped: gone.length };

		// The person's subscriptions these events reached them through (for per-subscription unsubscribe).
		const follows = await trx
			.selectFrom('follow as f')
			.innerJoin('notification_event_target as t', (j) =>
				j.onRef('t.target_type', '=', 'f.target_type').onRef('t.target_id', '=', 'f.target_id')
			)
			.select(['f.target_type', 'f.target_id', 'f.token'])
			.distinct()
			.where('f.user_id', '=', userId)
			.where(
				't.event_id',
				'in',
				keep.map((e) => e.id)
			)
			.execute();
		const targets = await describeTargets(
			trx,
			follows.map((f) => ({ type: f.target_type, id: f.target_id })),
			registry
		);

		const locale = isLocale(person.locale) ? person.locale : 'de';
		const t = translator(locale);
		const events: DigestEvent[] = keep.map((e) => ({
			itemType: e.item_type,
			itemId: e.item_id,
			messageKey: e.message_key,
			params: (typeof e.params === 'string' ? JSON.parse(e.params) : e.params) as Record<string, string>,
			path: e.path,
			createdAt: new Date(e.created_at)
		}));
		const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
		const blocks = groupDigest(events).map((g) =>
			[
				...g.events.map(
					(e) =>
						`- ${dateFormat.format(e.createdAt)}: ${t(e.messageKey, { ...e.params, statusLabel: e.params.status ? t(`outcomes.status.${e.params.status}`) : '' })}`
				),
				`  ${absoluteUrl(origin, g.path)}`
			].join('\n')
		);
		const subscriptions = targets.map((target) => {
			const follow = follows.find((f) => f.target_type === target.type && f.target_id === target.id)!;
			return t('following.mail.subscriptionLine', {
				kind: t(target.kindKey),
				title: target.title,
				link: absoluteUrl(origin, `/benachrichtigungen/abbestellen/${follow.token}`)
			});
		});
		const unsubscribeAll = absoluteUrl(origin, `/benachrichtigungen/abbestellen/${setting.token}`);
		const weekly = delivery === 'weekly';
		const kind = weekly ? 'notification_digest' : 'notification_immediate';
		const siteName = t('core.siteName');
		await enqueueMail(trx, {
			to: person.email,
			kind,
			subject: t(`following.mail.${kind}.subject`, { siteName }),
			text: [
				t(`following.mail.${kind}.intro`, { name: person.display_name }),
				'',
				blocks.join('\n\n'),
				'',
				subscriptions.length ? `${t('following.mail.subscriptions')}\n${subscriptions.join('\n')}\n` : '',
				t('following.mail.settings', { link: absoluteUrl(origin, '/konto/benachrichtigungen') }),
				t('following.mail.unsubscribeAll', { link: unsubscribeAll }),
				'',
				'-- ',
				t('auth.mail.signature', { siteName })
			].join('\n'),
			// RFC 2369: mail programs show their own "Abbestellen" button; RFC 8058: they may end it with one
			// POST of "List-Unsubscribe=One-Click" to that address, without opening it (hooks.server.ts lets
			// exactly that post through the origin check; a GET of the link only asks).
			headers: {
				'List-Unsubscribe': `<${unsubscribeAll}>`,
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
			}
		});
		await trx
			.updateTable('notification_delivery')
			.set({ mailed_at: now })
			.where('user_id', '=', userId)
			.where(
				'event_id',
				'in',
				keep.map((e) => e.id)
			)
			.execute();
		await trx
			.updateTable('notification_setting')
			.set({ last_mail_at: now, ...(weekly ? { last_digest_at: now } : {}) })
			.where('user_id', '=', userId)
			.execute();
		return { mailed: true, dropped: gone.length };
	});
}

/** Runs the job every intervalMs (unref'd timer, safe on several nodes: per-person row locks). */
export function startNotificationDigest(
	db: Kysely<DB>,
	origin: string,
	intervalMs = 60 * 60 * 1000
): () => void {
	const run = () =>
		void runNotificationDigest(db, { origin }).catch((e: unknown) =>
			console.warn(`Benachrichtigungen fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`)
		);
	const timer = setInterval(run, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
