export {
	enqueueMail,
	listOutbox,
	purgeOutbox,
	OUTBOX_PAGE_SIZE,
	type OutboxEntry,
	type OutgoingMail
} from './outbox';
export {
	createMailTransport,
	retryDelaySeconds,
	sendPendingMail,
	startMailSender,
	type MailTransport,
	type SendReport
} from './sender';
export { absoluteUrl, buildMail, type MailKind } from './templates';
