// Command results → translated messages for the idea pages (field errors plus one message for the form).
import type { TFunction } from '../../i18n';
import { translateErrors } from '../contributions/form';

const OWN: Record<string, string> = {
	posting_not_started: 'ideas.errors.postingNotStarted',
	posting_ended: 'ideas.errors.postingEnded',
	support_ended: 'ideas.errors.supportEnded',
	not_found: 'ideas.errors.notFound',
	invalid: 'ideas.errors.invalid'
};

export function ideaErrors(t: TFunction, code: string, errors?: Record<string, string>): Record<string, string> {
	const out = translateErrors(t, code, errors);
	if (OWN[code]) out.form = t(OWN[code]);
	return out;
}
