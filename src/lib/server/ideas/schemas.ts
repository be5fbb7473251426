// zod inputs of the idea boards. Messages are i18n keys (ideas.errors.*).
import { z } from 'zod';
import { OUTCOME_STATUSES } from '../../participation/types';
import { IDEA_SORTS } from '../../ideas/rules';

const E = 'ideas.errors.';
export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const BODY_MIN = 10;
export const BODY_MAX = 4000;
export const COMMENT_MAX = 2000;
export const PAGE_SIZE = 12;

const optionalUuid = z
	.union([z.uuid({ error: `${E}areaInvalid` }), z.literal('')])
	.optional()
	.transform((v) => v || null);

const coordinate = (min: number, max: number) =>
	z
		.union([z.literal(''), z.coerce.number().min(min, { error: `${E}placeInvalid` }).max(max, { error: `${E}placeInvalid` })])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v));

export const IdeaCreate = z
	.object({
		title: z
			.string({ error: `${E}titleRequired` })
			.trim()
			.min(1, { error: `${E}titleRequired` })
			.min(TITLE_MIN, { error: `${E}titleTooShort` })
			.max(TITLE_MAX, { error: `${E}titleTooLong` }),
		body: z
			.string({ error: `${E}bodyRequired` })
			.trim()
			.min(1, { error: `${E}bodyRequired` })
			.min(BODY_MIN, { error: `${E}bodyTooShort` })
			.max(BODY_MAX, { error: `${E}bodyTooLong` }),
		categoryId: z
			.union([z.uuid({ error: `${E}categoryInvalid` }), z.literal('')])
			.optional()
			.transform((v) => v || null),
		lon: coordinate(-180, 180),
		lat: coordinate(-90, 90),
		areaId: optionalUuid,
		/** Honeypot: people leave it empty */
		website: z.string().optional().default('')
	})
	.superRefine((v, ctx) => {
		if ((v.lon === null) !== (v.lat === null))
			ctx.addIssue({ code: 'custom', path: ['lat'], message: `${E}placeInvalid` });
	});
export type IdeaCreate = z.input<typeof IdeaCreate>;

export const IdeaComment = z.object({
	body: z
		.string({ error: `${E}commentRequired` })
		.trim()
		.min(1, { error: `${E}commentRequired` })
		.max(COMMENT_MAX, { error: `${E}commentTooLong` }),
	parentId: z
		.union([z.uuid({ error: `${E}notFound` }), z.literal('')])
		.optional()
		.transform((v) => v || null),
	website: z.string().optional().default('')
});

export const IdeaListQuery = z.object({
	sort: z.enum(IDEA_SORTS).catch('newest').default('newest'),
	area: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional().catch(undefined),
	category: z.uuid().optional().catch(undefined),
	status: z.enum(OUTCOME_STATUSES).optional().catch(undefined),
	archived: z
		.literal('1')
		.optional()
		.catch(undefined)
		.transform((v) => v === '1'),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1)
});
export type IdeaListQuery = z.output<typeof IdeaListQuery>;

export const SimilarQuery = z.object({
	title: z.string().max(TITLE_MAX * 2).optional().default(''),
	body: z.string().max(BODY_MAX).optional().default(''),
	lon: coordinate(-180, 180),
	lat: coordinate(-90, 90)
});

const optionalDate = z
	.union([z.literal(''), z.coerce.date({ error: `${E}dateInvalid` })])
	.optional()
	.transform((v) => (v === '' || v === undefined ? null : v));
const optionalCount = (min: number, max: number) =>
	z
		.union([z.literal(''), z.coerce.number({ error: `${E}numberInvalid` }).int({ error: `${E}numberInvalid` }).min(min, { error: `${E}numberInvalid` }).max(max, { error: `${E}numberInvalid` })])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v));

export const BoardSettings = z.object({
	postingStartsAt: optionalDate,
	postingEndsAt: optionalDate,
	supportEndsAt: optionalDate,
	supportThreshold: optionalCount(1, 100_000),
	responseDays: z.coerce.number({ error: `${E}numberInvalid` }).int({ error: `${E}numberInvalid` }).min(1, { error: `${E}numberInvalid` }).max(365, { error: `${E}numberInvalid` }).default(30),
	archiveAfterDays: optionalCount(1, 3650),
	statusPath: z.array(z.enum(OUTCOME_STATUSES)).min(2, { error: `${E}statusPathInvalid` })
});
export type BoardSettings = z.input<typeof BoardSettings>;
