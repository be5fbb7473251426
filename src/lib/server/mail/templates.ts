// Mail texts in the recipient's language, with absolute links built from the configured origin.
import { isLocale, translator } from '../../i18n';
import type { OutgoingMail } from './outbox';

export type MailKind =
	| 'verify_email'
	| 'account_exists'
	| 'reset_password'
	| 'magic_link'
	| 'change_email'
	| 'email_changed'
	| 'contribution_approved'
	| 'contribution_hidden'
	| 'contribution_restored'
	| 'events_registered'
	| 'events_waiting'
	| 'events_moved_up'
	| 'events_date_cancelled'
	| 'events_date_moved'
	| 'events_reminder'
	| 'events_poll_fixed'
	| 'events_results';

/** Where a kind's texts live: <namespace>.mail.<kind>.subject/body. */
function namespaceOf(kind: MailKind): string {
	if (kind.startsWith('events_')) return 'events';
	return kind.startsWith('contribution_') ? 'contributions' : 'auth';
}

export function absoluteUrl(origin: string, path: string): string {
	return new URL(path, origin.endsWith('/') ? origin : `${origin}/`).href;
}

/** Builds a mail from <namespace>.mail.<kind>.subject/body; params are interpolated (plain text, no HTML). */
export function buildMail(
	kind: MailKind,
	locale: string,
	to: string,
	params: Record<string, string | number>
): OutgoingMail {
	const t = translator(isLocale(locale) ? locale : 'de');
	const siteName = t('core.siteName');
	return {
		to,
		kind,
		subject: t(`${namespaceOf(kind)}.mail.${kind}.subject`, { siteName, ...params }),
		text: `${t(`${namespaceOf(kind)}.mail.${kind}.body`, { siteName, ...params })}\n\n-- \n${t('auth.mail.signature', { siteName })}\n`
	};
}
