// zod inputs of the surveys module; messages are i18n keys (surveys.json).
import { z } from 'zod';
import { LOCALES } from '../../i18n';
import { RESPONSE_CHANNELS } from '../../questionnaire/definition';

const E = 'surveys.errors.';

export const ACCESS_MODES = ['anyone', 'account', 'code'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];
export const LAYOUTS = ['pages', 'one_question'] as const;
export type SurveyLayout = (typeof LAYOUTS)[number];
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const ANALOG_CHANNELS = RESPONSE_CHANNELS.filter((c) => c !== 'online') as [string, ...string[]];

const checkbox = z
	.union([z.literal('on'), z.literal('true'), z.literal('false'), z.literal(''), z.boolean()])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true');

const optionalDateTime = z
	.union([z.literal(''), z.iso.datetime({ local: true, error: `${E}dateInvalid` }), z.date()])
	.optional()
	.transform((v) => (v === '' || v === undefined ? null : new Date(v)));

/** The settings a manager gives a survey (create and update). */
export const SurveySettingsInput = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, { error: `${E}titleRequired` })
			.max(200, { error: `${E}tooLong` }),
		intro: z
			.string()
			.trim()
			.max(20_000, { error: `${E}tooLong` })
			.default(''),
		introEasy: z
			.string()
			.trim()
			.max(20_000, { error: `${E}tooLong` })
			.default(''),
		accessMode: z.enum(ACCESS_MODES, { error: `${E}accessModeInvalid` }).default('anyone'),
		anonymous: checkbox,
		layout: z.enum(LAYOUTS, { error: `${E}layoutInvalid` }).default('pages'),
		opensAt: optionalDateTime,
		closesAt: optionalDateTime,
		/** the area the survey is tied to ('' = none); that it is a current area is checked on write */
		areaId: z
			.union([z.literal(''), z.uuid({ error: `${E}areaInvalid` })])
			.optional()
			.transform((v) => (v ? v.toLowerCase() : null))
	})
	.refine((s) => !s.opensAt || !s.closesAt || s.opensAt < s.closesAt, {
		path: ['closesAt'],
		error: `${E}closesBeforeOpens`
	});
export type SurveySettings = z.output<typeof SurveySettingsInput>;

/** One language's title and intro (German is the columns themselves). */
export const SurveyTranslationInput = z.object({
	language: z.enum(LOCALES.filter((l) => l !== 'de') as [string, ...string[]], {
		error: `${E}languageInvalid`
	}),
	title: z
		.string()
		.trim()
		.max(200, { error: `${E}tooLong` })
		.default(''),
	intro: z
		.string()
		.trim()
		.max(20_000, { error: `${E}tooLong` })
		.default('')
});

export const GenerateCodesInput = z.object({
	count: z.coerce
		.number({ error: `${E}codeCountInvalid` })
		.int({ error: `${E}codeCountInvalid` })
		.min(1, { error: `${E}codeCountInvalid` })
		.max(5000, { error: `${E}codeCountInvalid` })
});

export const StaffEntryFields = z.object({
	channel: z.enum(ANALOG_CHANNELS, { error: `${E}channelInvalid` }),
	answeredOn: z.iso.date({ error: `${E}dateRequired` })
});
