// "Termin hinzufügen": whether a new date would repeat one the event already has. Browser-safe.

export interface ExistingDate {
	startsAt: Date;
	status: string;
}

/**
 * A date repeats an existing one when a date of the event that is not cancelled starts at the same
 * instant (two dates at one time would be indistinguishable in the registration form and calendars).
 * A cancelled date does not count: it can be offered again.
 */
export function repeatsExistingDate(existing: readonly ExistingDate[], startsAt: Date): boolean {
	return existing.some((d) => d.status !== 'cancelled' && d.startsAt.getTime() === startsAt.getTime());
}
