// The events module's mails (texts in events.json, mail.<kind>), queued in the caller's transaction.
import type { Kysely } from 'kysely';
import { formatDateTime } from '../../format/dates';
import { formatDateRange } from '../../events/time-range';
import type { DB } from '../db/types';
import { absoluteUrl, buildMail, enqueueMail, type MailKind } from '../mail';

export type EventMailKind = Extract<MailKind, `events_${string}`>;

export async function queueEventMail(
	db: Kysely<DB>,
	kind: EventMailKind,
	to: { email: string; locale: string },
	params: {
		origin: string;
		title: string;
		startsAt?: Date;
		endsAt?: Date;
		path?: string;
		extra?: Record<string, string>;
	}
): Promise<void> {
	await enqueueMail(
		db,
		buildMail(kind, to.locale, to.email, {
			title: params.title,
			when: !params.startsAt
				? ''
				: params.endsAt
					? formatDateRange(params.startsAt, params.endsAt, to.locale)
					: formatDateTime(params.startsAt, to.locale),
			link: params.path ? absoluteUrl(params.origin, params.path) : '',
			...(params.extra ?? {})
		})
	);
}
