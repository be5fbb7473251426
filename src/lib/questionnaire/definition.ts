// The questionnaire engine's contract (browser-safe): one definition format for surveys, event
// registration forms, date polls and the organisations' questionnaire (after Decidim::Forms), and the
// shape of one answer per question type. Stored as jsonb; parsed with these schemas on every write.
//
// Texts are content, not UI strings: German is required, other languages optional (German fallback,
// see i18n/content.ts). Question keys are stable variable names (CSV headers, SPSS variables,
// LimeSurvey codes) and never change after the first answer; option codes likewise.
import { z } from 'zod';
import { LOCALES } from '../i18n/locales';

const MAX_TEXT = 4000;
/** File question limits: at most 10 MB per file, at most 5 files per answer. */
export const MAX_FILE_BYTES = 10_000_000;
export const MAX_FILES = 5;
/** The kinds of file a file question may accept: images (JPEG, PNG, WebP) and PDF. */
export const FILE_KINDS = ['image', 'pdf'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** A text per language; `de` is required. `de_ls` is the Leichte-Sprache variant (intro only). */
export const questionText = z
	.object({ de: z.string().trim().min(1).max(MAX_TEXT) })
	.extend(
		Object.fromEntries(LOCALES.filter((l) => l !== 'de').map((l) => [l, z.string().max(MAX_TEXT).optional()]))
	);
export type QuestionText = z.infer<typeof questionText>;

export const optionalText = z
	.object({ de: z.string().max(MAX_TEXT) })
	.extend(
		Object.fromEntries(LOCALES.filter((l) => l !== 'de').map((l) => [l, z.string().max(MAX_TEXT).optional()]))
	);

/** SPSS-safe variable name: letter first, letters/digits/underscore, at most 64 characters. */
export const questionKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
/** Answer code of an option (LimeSurvey "A1", "1", "ja"); `_other` is reserved for "Sonstiges". */
export const optionCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/);
export const OTHER_CODE = '_other';

export const option = z.object({ code: optionCode, label: questionText });
export type QuestionOption = z.infer<typeof option>;

// Conditions: show a question or a page (its page_break) when earlier answers are …, combined with and/or.
export const CONDITION_OPERATORS = [
	'equals',
	'not_equals',
	'includes',
	'answered',
	'not_answered',
	'gt',
	'lt'
] as const;
export const conditionClause = z.object({
	question: questionKey,
	op: z.enum(CONDITION_OPERATORS),
	/** option code, number or text; absent for answered/not_answered */
	value: z.union([z.string().max(200), z.number()]).optional()
});
export type ConditionClause = z.infer<typeof conditionClause>;
export interface Condition {
	combinator: 'and' | 'or';
	clauses: (ConditionClause | Condition)[];
}
export const condition: z.ZodType<Condition> = z.lazy(() =>
	z.object({
		combinator: z.enum(['and', 'or']),
		clauses: z
			.array(z.union([conditionClause, condition]))
			.min(1)
			.max(20)
	})
);

const base = {
	key: questionKey,
	/** May pipe earlier answers: "{{Q1}}" is replaced by the answer's display text. */
	text: questionText,
	help: optionalText.optional(),
	required: z.boolean().default(false),
	condition: condition.optional()
};

export const QUESTION_TYPES = [
	'single_choice',
	'multiple_choice',
	'short_text',
	'long_text',
	'number',
	'date',
	'scale',
	'matrix',
	'ranking',
	'yes_no',
	'file',
	'area',
	'map',
	'info',
	'page_break'
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const question = z.discriminatedUnion('type', [
	z.object({
		...base,
		type: z.literal('single_choice'),
		display: z.enum(['radio', 'dropdown']).default('radio'),
		options: z.array(option).min(1).max(200),
		/** "Sonstiges" with a text field (answer code OTHER_CODE) */
		other: z.boolean().default(false)
	}),
	z.object({
		...base,
		type: z.literal('multiple_choice'),
		options: z.array(option).min(1).max(200),
		min: z.number().int().min(0).optional(),
		max: z.number().int().min(1).optional(),
		other: z.boolean().default(false)
	}),
	z.object({
		...base,
		type: z.enum(['short_text', 'long_text']),
		minLength: z.number().int().min(0).optional(),
		maxLength: z.number().int().min(1).max(20000).optional(),
		/** answer validation without user regexes (no ReDoS) */
		format: z.enum(['email', 'postcode', 'phone']).optional()
	}),
	z.object({
		...base,
		type: z.literal('number'),
		min: z.number().optional(),
		max: z.number().optional(),
		integer: z.boolean().default(false),
		unit: optionalText.optional()
	}),
	z.object({
		...base,
		type: z.literal('date'),
		min: z.string().date().optional(),
		max: z.string().date().optional()
	}),
	z.object({
		...base,
		type: z.literal('scale'),
		min: z.number().int().min(0).max(1).default(1),
		max: z.number().int().min(2).max(11).default(5),
		minLabel: optionalText.optional(),
		maxLabel: optionalText.optional(),
		/** offers "weiß nicht / keine Angabe" (stored as value null) */
		noAnswer: z.boolean().default(false)
	}),
	z.object({
		...base,
		type: z.literal('matrix'),
		/** the statements (subquestions) */
		rows: z.array(option).min(1).max(100),
		/** the scale every row is answered on */
		columns: z.array(option).min(2).max(20)
	}),
	z.object({
		...base,
		type: z.literal('ranking'),
		options: z.array(option).min(2).max(50),
		/** how many places to rank (default: all) */
		places: z.number().int().min(1).optional()
	}),
	z.object({ ...base, type: z.literal('yes_no') }),
	z.object({
		...base,
		type: z.literal('file'),
		accept: z.array(z.enum(FILE_KINDS)).min(1).default(['image', 'pdf']),
		maxBytes: z.number().int().min(1).max(MAX_FILE_BYTES).default(5_000_000),
		/** how many files one answer may carry (1–5) */
		maxFiles: z.number().int().min(1).max(MAX_FILES).default(1)
	}),
	z.object({
		...base,
		type: z.literal('area'),
		/** the area level the answer is at (qk.area_level key, e.g. 'stadtteil') */
		level: z.string().min(1).max(64),
		/** offer choosing on the map besides the list */
		map: z.boolean().default(true)
	}),
	z.object({
		...base,
		type: z.literal('map'),
		geometry: z
			.array(z.enum(['point', 'line', 'polygon']))
			.min(1)
			.default(['point']),
		maxFeatures: z.number().int().min(1).max(20).default(1)
	}),
	/** a text block; `text` is the content, nothing is answered */
	z.object({ ...base, type: z.literal('info') }),
	/** starts a new page; `text` is the page title, `condition` shows or skips the whole page */
	z.object({ ...base, type: z.literal('page_break') })
]);
export type Question = z.infer<typeof question>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const questionnaireDefinition = z
	.object({
		version: z.literal(1),
		questions: z.array(question).max(500)
	})
	.superRefine((def, ctx) => {
		const seen = new Set<string>();
		def.questions.forEach((q, i) => {
			if (seen.has(q.key))
				ctx.addIssue({ code: 'custom', path: ['questions', i, 'key'], message: 'duplicate_key' });
			seen.add(q.key);
		});
	});
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinition>;

// One answer per question type, as stored (jsonb) and as results/exports read it.
export type AnswerValue =
	| { type: 'single_choice'; choice: string; other?: string }
	| { type: 'multiple_choice'; choices: string[]; other?: string }
	| { type: 'short_text' | 'long_text'; text: string }
	| { type: 'number'; number: number }
	| { type: 'date'; date: string }
	| { type: 'scale'; value: number | null }
	| { type: 'matrix'; rows: Record<string, string> }
	| { type: 'ranking'; order: string[] }
	| { type: 'yes_no'; yes: boolean }
	/** the files (qk.survey_response_file rows) in upload order; `name` is shown to organisers only */
	| { type: 'file'; files: AnswerFile[] }
	| { type: 'area'; areaId: string }
	/** areaId/description: the non-map path (choose an area, describe the place) — added for issue 9 */
	| { type: 'map'; geometries: GeoJSON.Geometry[]; areaId?: string; description?: string };

export interface AnswerFile {
	uploadId: string;
	name: string;
}

/** The answers of one response, by question key (unanswered and hidden questions are absent). */
export type Answers = Record<string, AnswerValue>;

/** How a response came in (LimeSurvey has none of this; planners need it for "who was reached"). */
export const RESPONSE_CHANNELS = ['online', 'paper', 'interview', 'workshop', 'phone'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];
