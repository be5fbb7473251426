// zod inputs of the measure commands. Messages are i18n keys (measures.errors.*).
import { z } from 'zod';
import { MEASURE_STATUSES, itemIdFromReference, parseEuros } from '../../measures/types';

const E = 'measures.errors.';

const optionalDate = z
	.string()
	.trim()
	.regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: `${E}date` })
	.transform((v) => (v === '' ? null : v))
	.optional()
	.transform((v) => v ?? null);

export const MeasureInput = z
	.object({
		title: z
			.string({ error: `${E}titleRequired` })
			.trim()
			.min(3, { error: `${E}titleRequired` })
			.max(200, { error: `${E}titleTooLong` }),
		description: z
			.string()
			.trim()
			.max(10000, { error: `${E}descriptionTooLong` })
			.default(''),
		responsible: z
			.string({ error: `${E}responsibleRequired` })
			.trim()
			.min(2, { error: `${E}responsibleRequired` })
			.max(200, { error: `${E}responsibleTooLong` }),
		areaIds: z
			.array(z.uuid({ error: `${E}areasRequired` }), { error: `${E}areasRequired` })
			.min(1, { error: `${E}areasRequired` })
			.max(100, { error: `${E}areasRequired` }),
		consultationId: z
			.union([z.uuid({ error: `${E}consultation` }), z.literal('')])
			.optional()
			.transform((v) => v || null),
		budget: z
			.string()
			.max(40, { error: `${E}budget` })
			.optional()
			.transform((v, ctx) => {
				const euros = parseEuros(v ?? '');
				if (euros !== null && Number.isNaN(euros)) {
					ctx.addIssue({ code: 'custom', message: `${E}budget` });
					return z.NEVER;
				}
				return euros;
			}),
		fundingSource: z
			.string()
			.trim()
			.max(200, { error: `${E}fundingTooLong` })
			.default(''),
		startsOn: optionalDate,
		endsOn: optionalDate,
		status: z.enum(MEASURE_STATUSES, { error: `${E}status` }).default('draft')
	})
	.refine((m) => !m.startsOn || !m.endsOn || m.endsOn >= m.startsOn, {
		path: ['endsOn'],
		error: `${E}endBeforeStart`
	});
export type MeasureInput = z.output<typeof MeasureInput>;

export const ProgressInput = z.object({
	progress: z.coerce
		.number({ error: `${E}progress` })
		.int({ error: `${E}progress` })
		.min(0, { error: `${E}progress` })
		.max(100, { error: `${E}progress` }),
	milestoneOn: z
		.string({ error: `${E}date` })
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${E}date` }),
	note: z
		.string()
		.trim()
		.max(1000, { error: `${E}noteTooLong` })
		.default('')
});
export type ProgressInput = z.output<typeof ProgressInput>;

export const LinkInput = z.object({
	itemType: z.string({ error: `${E}itemType` }).regex(/^[a-z_]{2,40}$/, { error: `${E}itemType` }),
	reference: z
		.string({ error: `${E}itemReference` })
		.max(500, { error: `${E}itemReference` })
		.transform((v, ctx) => {
			const id = itemIdFromReference(v);
			if (!id) {
				ctx.addIssue({ code: 'custom', message: `${E}itemReference` });
				return z.NEVER;
			}
			return id;
		})
});
export type LinkInput = z.output<typeof LinkInput>;

export const UnlinkInput = z.object({
	itemType: z.string().regex(/^[a-z_]{2,40}$/, { error: `${E}itemType` }),
	itemId: z.uuid({ error: `${E}itemReference` })
});

export const MEASURES_PAGE_SIZE = 20;

export const MeasureListQuery = z.object({
	bereich: z
		.string()
		.max(40)
		.regex(/^[\w-]*$/)
		.optional()
		.catch(undefined),
	verfahren: z
		.string()
		.max(120)
		.regex(/^[a-z0-9-]*$/)
		.optional()
		.catch(undefined),
	stand: z.enum(['offen', 'laufend', 'fertig']).optional().catch(undefined),
	seite: z.coerce.number().int().min(1).max(10000).optional().catch(undefined)
});
export type MeasureListQuery = z.output<typeof MeasureListQuery>;

/** Form fields → the input shape (areaIds is multi-valued). */
export function measureFormInput(form: FormData): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	for (const [key, value] of form.entries())
		if (typeof value === 'string' && key !== 'areaIds') input[key] = value;
	input.areaIds = form.getAll('areaIds').filter((v): v is string => typeof v === 'string' && v !== '');
	return input;
}
