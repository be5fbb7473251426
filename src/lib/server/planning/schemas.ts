// zod inputs of the planner pages (URL parameters; a broken one falls back to its default).
import { z } from 'zod';
import { REACH_FIGURES } from '../../planning/reach';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

const common = {
	ebene: lenient(z.string().trim().max(60).regex(KEY)),
	verfahren: lenient(z.string().trim().max(120).regex(KEY)),
	von: lenient(day),
	bis: lenient(day)
};

export const ReachQuery = z.object({
	...common,
	zahl: lenient(z.enum(['all', ...REACH_FIGURES]))
});
export type ReachQuery = z.infer<typeof ReachQuery>;

export const AreaViewQuery = z.object({
	...common,
	kanal: lenient(z.enum(['online', 'analog'])),
	q: lenient(z.string().trim().max(200)),
	seite: lenient(z.coerce.number().int().min(1).max(1000))
});
export type AreaViewQuery = z.infer<typeof AreaViewQuery>;

/** "bis" is inclusive on the page: the day after it is the exclusive end. */
export function period(q: { von?: string; bis?: string }): { from?: Date; to?: Date } {
	const from = q.von ? new Date(`${q.von}T00:00:00Z`) : undefined;
	const to = q.bis ? new Date(Date.parse(`${q.bis}T00:00:00Z`) + 86_400_000) : undefined;
	return { from, to };
}
