// Form parsing for actions: zod schema → typed data, or field errors in the user's language plus the
// submitted values to show again (never passwords).
import type { z } from 'zod';
import type { TFunction } from '../../i18n';
import { translateFieldErrors, zodFieldErrors, type FieldErrors } from './field-errors';

export type FormParse<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

const SECRET_FIELD = /password/i;

export function formValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET_FIELD.test(key)) values[key] = value;
	}
	return values;
}

export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	t: TFunction
): FormParse<z.output<S>> {
	const input: Record<string, string> = {};
	for (const [key, value] of form.entries()) if (typeof value === 'string') input[key] = value;
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	return {
		ok: false,
		errors: translateFieldErrors(zodFieldErrors(result.error), t),
		values: formValues(form)
	};
}
