import { z } from 'zod';
import { LOCALES } from '../../i18n';

export const REPORT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const isReportFormat = (x: unknown): x is ReportFormat =>
	typeof x === 'string' && (REPORT_FORMATS as readonly string[]).includes(x);

const uuid = z.string().regex(/^[0-9a-f-]{36}$/i, 'reports.error.invalidId');
const list = <T extends z.ZodType>(item: T, max: number) =>
	z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(item).max(max, 'reports.error.tooMany')
	);

/** The builder form (multi-valued fields arrive as arrays, see formInput). */
export const ReportDefinitionInput = z.object({
	title: z.string().trim().min(1, 'reports.error.titleRequired').max(200, 'reports.error.titleTooLong'),
	areaIds: list(uuid, 50).refine((a) => a.length > 0, 'reports.error.areasRequired'),
	indicatorKeys: list(z.string().trim().min(1).max(60), 40),
	consultationIds: list(uuid, 30),
	themeIds: list(uuid, 30),
	language: z.enum(LOCALES, { message: 'reports.error.language' }).default('de'),
	templateId: z.preprocess((v) => (v === '' ? null : v), uuid.nullable().default(null))
});
export type ReportDefinitionInput = z.infer<typeof ReportDefinitionInput>;

/** FormData → plain object with the multi-valued fields as arrays. */
export function formInput(form: FormData): Record<string, unknown> {
	const many = ['areaIds', 'indicatorKeys', 'consultationIds', 'themeIds'];
	const out: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = many.includes(key) ? values : values[0];
	}
	return out;
}
