// Inputs of the moderation commands (every module's items). Messages are i18n keys.
import { z } from 'zod';

const E = 'contributions.errors.';
export const REPORT_REASON_MAX = 1000;
export const MODERATION_REASON_MAX = 300;

export const ReportInput = z.object({
	reason: z
		.string({ error: `${E}reasonRequired` })
		.trim()
		.min(1, { error: `${E}reasonRequired` })
		.max(REPORT_REASON_MAX, { error: `${E}reasonTooLong` })
});

export const MODERATION_ACTIONS = ['approve', 'hide', 'restore', 'dismiss_reports'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Hiding needs a reason: it is shown publicly in place of the text ("Ausgeblendet wegen …"). */
export const ModerateInput = z
	.object({
		action: z.enum(MODERATION_ACTIONS, { error: `${E}moderationActionInvalid` }),
		reason: z
			.string()
			.trim()
			.max(MODERATION_REASON_MAX, { error: `${E}moderationReasonTooLong` })
			.default('')
	})
	.refine((v) => v.action !== 'hide' || v.reason.length >= 3, {
		path: ['reason'],
		error: `${E}moderationReasonRequired`
	});

export const BlockInput = z.object({
	reason: z
		.string({ error: `${E}moderationReasonRequired` })
		.trim()
		.min(3, { error: `${E}moderationReasonRequired` })
		.max(MODERATION_REASON_MAX, { error: `${E}moderationReasonTooLong` })
});

/** An item address from a form: (itemType, id). */
export const ItemRef = z.object({ itemType: z.string().regex(/^[a-z_]{1,40}$/), id: z.uuid() });
