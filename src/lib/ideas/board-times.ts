// The board settings' date-times (posting and support periods) as staff type them into
// datetime-local fields: Berlin wall-clock time, whatever zone the server or the browser runs in.
// Browser-safe; the settings route uses both directions.
import { parseBerlinLocal, toBerlinLocal } from '../events/time';

/** '2027-03-27T18:00' (Berlin) → an ISO instant for the schema; empty stays empty; anything else is
 * passed on unchanged so the schema reports it as an invalid date. */
export function boardTimeFromForm(value: string): string {
	const v = value.trim();
	if (v === '') return '';
	return parseBerlinLocal(v)?.toISOString() ?? v;
}

/** A stored instant → the datetime-local value in Berlin time ('' for none). */
export function boardTimeForForm(at: Date | null): string {
	return at ? toBerlinLocal(at) : '';
}
