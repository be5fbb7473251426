// Shared by the create and edit pages: read the metadata form into IndicatorInput.
import type { RequestContext } from '$lib/server/core';
import { IndicatorInput, listIndicators } from '$lib/server/indicators';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';

export const FORM_FIELDS = [
	'key',
	'name',
	'definition',
	'unit',
	'source',
	'asOf',
	'domain',
	'polarity',
	'visibility',
	'valueType',
	'aggregation',
	'numeratorId',
	'denominatorId',
	'weightId',
	'scale',
	'inCompositeIndex',
	'sortOrder'
] as const;

export function readIndicatorForm(form: FormData, t: RequestContext['t']) {
	const values: Record<string, string> = {};
	for (const field of FORM_FIELDS) {
		const v = form.get(field);
		values[field] = typeof v === 'string' ? v : '';
	}
	const parsed = IndicatorInput.safeParse(values);
	if (!parsed.success)
		return { ok: false as const, errors: translateFieldErrors(zodFieldErrors(parsed.error), t), values };
	return { ok: true as const, data: parsed.data, values };
}

/** Numeric indicators offered as numerator/denominator (without the one being edited). */
export async function partOptions(ctx: RequestContext, exceptId?: string) {
	return (await listIndicators(ctx.db))
		.filter((i) => i.valueType === 'numeric' && i.id !== exceptId)
		.map((i) => ({ id: i.id, name: `${i.name} (${i.key})` }));
}
