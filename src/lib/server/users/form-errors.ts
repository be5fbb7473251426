import type { z } from 'zod';
import type { TFunction } from '../../i18n';

/** zod issues → { field: message in the user's language } (first issue per field). */
export function fieldErrors(error: z.ZodError, t: TFunction): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= t(issue.message);
	}
	return errors;
}
