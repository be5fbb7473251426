// zod issues → { field: i18n key } (first issue per field). The one helper; routes translate the keys
// with translateFieldErrors when they answer a form.
import type { z } from 'zod';
import type { TFunction } from '../../i18n';

export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	return errors;
}

export function translateFieldErrors(errors: FieldErrors, t: TFunction): FieldErrors {
	const out: FieldErrors = {};
	for (const [field, key] of Object.entries(errors)) out[field] = t(key);
	return out;
}
