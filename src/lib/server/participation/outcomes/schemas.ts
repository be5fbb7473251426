// zod inputs of the outcomes service. Messages are i18n keys (outcomes.errors.*).
import { z } from 'zod';
import { alwaysNeedsText } from '../../../participation/outcomes';
import { OUTCOME_STATUSES } from '../../../participation/types';

const E = 'outcomes.errors.';
export const RESPONSE_MAX = 5000;
export const NEXT_STEPS_MAX = 2000;
export const RESPONDER_MIN = 2;
export const RESPONDER_MAX = 120;

const status = z.enum(OUTCOME_STATUSES, { error: `${E}statusInvalid` });

export const RespondInput = z
	.object({
		itemType: z.string().regex(/^[a-z][a-z_]{0,39}$/, { error: `${E}notFound` }),
		itemId: z.uuid({ error: `${E}notFound` }),
		status,
		responseText: z
			.string()
			.trim()
			.max(RESPONSE_MAX, { error: `${E}textTooLong` })
			.default(''),
		nextSteps: z
			.string()
			.trim()
			.max(NEXT_STEPS_MAX, { error: `${E}nextStepsTooLong` })
			.default(''),
		responderName: z
			.string({ error: `${E}responderRequired` })
			.trim()
			.min(1, { error: `${E}responderRequired` })
			.min(RESPONDER_MIN, { error: `${E}responderTooShort` })
			.max(RESPONDER_MAX, { error: `${E}responderTooLong` }),
		/** The status the form showed: a response written against an older state is refused (conflict). */
		expectedStatus: z
			.union([status, z.literal('')])
			.optional()
			.transform((v) => v || undefined)
	})
	.superRefine((v, ctx) => {
		if (alwaysNeedsText(v.status) && !v.responseText)
			ctx.addIssue({ code: 'custom', path: ['responseText'], message: `${E}textRequired` });
	});
export type RespondInput = z.input<typeof RespondInput>;

export const NOTIFICATIONS_PAGE_SIZE = 20;
export const MY_CONTRIBUTIONS_PAGE_SIZE = 20;

export const PageParam = z.coerce.number().int().min(1).max(10_000).catch(1);
