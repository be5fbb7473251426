// zod inputs of the indicator feature. Messages are i18n keys (translated where shown).
import { z } from 'zod';
import { DOMAINS } from '../../stats/zindex';

export { DOMAINS };
export type { Domain } from '../../stats/zindex';
export const POLARITIES = ['higher_is_better', 'higher_is_worse', 'neutral'] as const;
export type IndicatorPolarity = (typeof POLARITIES)[number];
export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VALUE_TYPES = ['numeric', 'categorical'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const AGGREGATIONS = ['sum', 'rate', 'none'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
/**
 * What the planner chooses in the form: 'weighted' is stored as aggregation 'none' with the weight
 * indicator in denominator_id (and no numerator) — the upward totals, the whole-city value and the
 * disclosure decision read it that way.
 */
export const FORM_AGGREGATIONS = ['none', 'sum', 'rate', 'weighted'] as const;
export type FormAggregation = (typeof FORM_AGGREGATIONS)[number];

const text = (max: number) => z.string().trim().max(max, 'indicators.errors.tooLong');
const optionalId = z
	.string()
	.trim()
	.transform((v) => (v === '' ? null : v))
	.pipe(z.uuid('indicators.errors.unknownIndicator').nullable());

/** Stable short key (used in URLs and the API): letters, digits, '_' and '-'. */
export const IndicatorKey = z
	.string()
	.trim()
	.min(1, 'indicators.errors.keyRequired')
	.max(60, 'indicators.errors.tooLong')
	.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'indicators.errors.keyFormat');

/** Create/update an indicator. Checkboxes arrive as 'on' or are absent. */
export const IndicatorInput = z
	.object({
		key: IndicatorKey,
		name: text(200).min(1, 'indicators.errors.nameRequired'),
		definition: text(2000).default(''),
		unit: text(80).default(''),
		source: text(300).default(''),
		licence: text(200).default(''),
		asOf: text(80).default(''),
		domain: z.enum(DOMAINS, 'indicators.errors.domain'),
		polarity: z.enum(POLARITIES, 'indicators.errors.polarity').default('neutral'),
		visibility: z.enum(VISIBILITIES, 'indicators.errors.visibility').default('internal'),
		valueType: z.enum(VALUE_TYPES, 'indicators.errors.valueType').default('numeric'),
		aggregation: z.enum(FORM_AGGREGATIONS, 'indicators.errors.aggregation').default('none'),
		numeratorId: optionalId.default(null),
		denominatorId: optionalId.default(null),
		/** the count a weighted mean is weighted by (residents for a population-weighted mean) */
		weightId: optionalId.default(null),
		scale: z.coerce
			.number('indicators.errors.scale')
			.positive('indicators.errors.scale')
			.max(1_000_000, 'indicators.errors.scale')
			.default(100),
		inCompositeIndex: z
			.union([z.boolean(), z.literal('on'), z.literal('')])
			.transform((v) => v === true || v === 'on')
			.default(false),
		sortOrder: z.coerce.number().int().min(-100000).max(100000).default(0)
	})
	.superRefine((v, ctx) => {
		if (v.aggregation === 'rate') {
			if (!v.numeratorId)
				ctx.addIssue({
					code: 'custom',
					path: ['numeratorId'],
					message: 'indicators.errors.numeratorRequired'
				});
			if (!v.denominatorId)
				ctx.addIssue({
					code: 'custom',
					path: ['denominatorId'],
					message: 'indicators.errors.denominatorRequired'
				});
			if (v.numeratorId && v.numeratorId === v.denominatorId)
				ctx.addIssue({ code: 'custom', path: ['denominatorId'], message: 'indicators.errors.sameParts' });
		}
		if (v.aggregation === 'weighted' && !v.weightId)
			ctx.addIssue({ code: 'custom', path: ['weightId'], message: 'indicatorTexts.errors.weightRequired' });
		if (v.valueType === 'categorical' && v.aggregation !== 'none')
			ctx.addIssue({
				code: 'custom',
				path: ['aggregation'],
				message: 'indicators.errors.categoricalAggregation'
			});
		if (v.valueType === 'categorical' && v.inCompositeIndex)
			ctx.addIssue({
				code: 'custom',
				path: ['inCompositeIndex'],
				message: 'indicators.errors.categoricalIndex'
			});
		if (v.inCompositeIndex && v.polarity === 'neutral')
			ctx.addIssue({
				code: 'custom',
				path: ['inCompositeIndex'],
				message: 'indicators.errors.indexPolarity'
			});
	})
	.transform(({ weightId, ...v }) => ({
		...v,
		aggregation: (v.aggregation === 'weighted' ? 'none' : v.aggregation) as Aggregation,
		numeratorId: v.aggregation === 'rate' ? v.numeratorId : null,
		denominatorId: v.aggregation === 'rate' ? v.denominatorId : v.aggregation === 'weighted' ? weightId : null
	}));
export type IndicatorInput = z.output<typeof IndicatorInput>;

/** The "im Gesamtindex" selection: the ids of all indicators that go into the composite index. */
export const CompositeSelection = z.object({
	indicatorIds: z.array(z.uuid()).max(500)
});
export type CompositeSelection = z.output<typeof CompositeSelection>;

// ---- Import mapping ----------------------------------------------------------------------------

export const LAYOUTS = ['wide', 'long'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** What a column of the file is. Wide files: indicator columns; long files: indicator + value columns. */
export const COLUMN_ROLES = ['key', 'name', 'year', 'indicator', 'value', 'series', 'ignore'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Minimal metadata for an indicator created by an import. */
export const NewIndicatorMeta = z.object({
	key: IndicatorKey,
	name: text(200).min(1, 'indicators.errors.nameRequired'),
	unit: text(80).default(''),
	domain: z.enum(DOMAINS, 'indicators.errors.domain').default('basisdaten'),
	polarity: z.enum(POLARITIES).default('neutral'),
	visibility: z.enum(VISIBILITIES).default('internal'),
	aggregation: z.enum(['sum', 'none']).default('none'),
	/** from a metadata sheet or the form; empty: the import's source (the file name) */
	source: text(300).default(''),
	/** from a metadata sheet; empty: the platform's licence applies */
	licence: text(200).default(''),
	definition: text(2000).default('')
});
export type NewIndicatorMeta = z.output<typeof NewIndicatorMeta>;

/**
 * Target of one series (a column in a wide file, or one label of the indicator column in a long
 * file): ignored, an existing indicator, or a new one with minimal metadata.
 */
export const SeriesTarget = z.discriminatedUnion('action', [
	z.object({ source: z.string(), action: z.literal('ignore') }),
	z.object({ source: z.string(), action: z.literal('existing'), indicatorId: z.uuid() }),
	z.object({
		source: z.string(),
		action: z.literal('new'),
		valueType: z.enum(VALUE_TYPES),
		meta: NewIndicatorMeta
	})
]);
export type SeriesTarget = z.output<typeof SeriesTarget>;

export const ImportMapping = z
	.object({
		layout: z.enum(LAYOUTS),
		levelKey: z.string().min(1, 'indicators.import.errors.levelRequired'),
		decimal: z.enum([',', '.']),
		/** Column roles by column index (same length as the file's columns). */
		roles: z.array(z.enum(COLUMN_ROLES)),
		/** Wide files without a year column: the year of all values. */
		year: z.coerce.number().int().min(1900).max(2200).nullable().default(null),
		series: z.array(SeriesTarget),
		skipUnmatched: z.boolean().default(false),
		/** Rows keyed to areas of other levels import there too (a file with Bezirke and Planungsräume). */
		allLevels: z.boolean().default(false)
	})
	.superRefine((m, ctx) => {
		const count = (role: ColumnRole) => m.roles.filter((r) => r === role).length;
		if (count('key') !== 1)
			ctx.addIssue({ code: 'custom', path: ['roles'], message: 'indicators.import.errors.oneKeyColumn' });
		if (count('year') > 1)
			ctx.addIssue({ code: 'custom', path: ['roles'], message: 'indicators.import.errors.oneYearColumn' });
		if (m.layout === 'wide') {
			if (count('year') === 0 && m.year === null)
				ctx.addIssue({ code: 'custom', path: ['year'], message: 'indicators.import.errors.yearRequired' });
			if (count('indicator') > 0 || count('value') > 0)
				ctx.addIssue({ code: 'custom', path: ['roles'], message: 'indicators.import.errors.wideRoles' });
		} else {
			if (count('year') !== 1)
				ctx.addIssue({ code: 'custom', path: ['roles'], message: 'indicators.import.errors.longYear' });
			if (count('indicator') < 1 || count('value') !== 1)
				ctx.addIssue({ code: 'custom', path: ['roles'], message: 'indicators.import.errors.longColumns' });
			if (count('series') > 0)
				ctx.addIssue({ code: 'custom', path: ['roles'], message: 'indicators.import.errors.longSeries' });
		}
		const sources = new Set<string>();
		for (const s of m.series) {
			if (sources.has(s.source))
				ctx.addIssue({
					code: 'custom',
					path: ['series'],
					message: 'indicators.import.errors.duplicateSeries'
				});
			sources.add(s.source);
		}
		const newKeys = m.series.filter((s) => s.action === 'new').map((s) => s.meta.key.toLowerCase());
		if (new Set(newKeys).size !== newKeys.length)
			ctx.addIssue({ code: 'custom', path: ['series'], message: 'indicators.import.errors.duplicateNewKey' });
	});
export type ImportMapping = z.output<typeof ImportMapping>;

/** Form fields of the metadata form as strings (for re-showing a form and for editing a row). */
export function indicatorFormValues(row: {
	key: string;
	name: string;
	definition: string;
	unit: string;
	source: string;
	licence?: string;
	asOf: string;
	domain: string;
	polarity: string;
	visibility: string;
	valueType: string;
	aggregation: string;
	numeratorId: string | null;
	denominatorId: string | null;
	scale: number;
	inCompositeIndex: boolean;
	sortOrder: number;
}): Record<string, string> {
	return {
		key: row.key,
		name: row.name,
		definition: row.definition,
		unit: row.unit,
		source: row.source,
		licence: row.licence ?? '',
		asOf: row.asOf,
		domain: row.domain,
		polarity: row.polarity,
		visibility: row.visibility,
		valueType: row.valueType,
		// A weighted mean is 'none' with a weight (denominator without numerator).
		aggregation:
			row.aggregation === 'none' && row.denominatorId && !row.numeratorId ? 'weighted' : row.aggregation,
		numeratorId: row.numeratorId ?? '',
		denominatorId: row.aggregation === 'rate' ? (row.denominatorId ?? '') : '',
		weightId: row.aggregation === 'none' && !row.numeratorId ? (row.denominatorId ?? '') : '',
		scale: String(row.scale),
		inCompositeIndex: row.inCompositeIndex ? 'on' : '',
		sortOrder: String(row.sortOrder)
	};
}
