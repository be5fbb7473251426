// iCalendar for events (ical-generator, a maintained library). Times are written in UTC ("Z"), which
// RFC 5545 allows and every calendar shows in the reader's zone — correct across summer-time changes
// without a VTIMEZONE block. UIDs are stable per occurrence; SEQUENCE rises with every change;
// cancelled dates are STATUS:CANCELLED.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface IcsOccurrence {
	occurrenceId: string;
	title: string;
	description: string;
	startsAt: Date;
	endsAt: Date;
	status: 'scheduled' | 'cancelled' | 'moved';
	sequence: number;
	location: string | null;
	url: string;
	updatedAt: Date;
}

/** Stable: the same occurrence always has the same UID, whatever changes. */
export function occurrenceUid(occurrenceId: string, host: string): string {
	return `event-${occurrenceId}@${host}`;
}

export function buildIcs(options: { name: string; host: string; occurrences: IcsOccurrence[] }): string {
	const cal = ical({
		name: options.name,
		prodId: { company: 'Quartierskompass', product: 'events', language: 'DE' },
		method: ICalCalendarMethod.PUBLISH
	});
	for (const o of options.occurrences) {
		cal.createEvent({
			id: occurrenceUid(o.occurrenceId, options.host),
			start: o.startsAt,
			end: o.endsAt,
			stamp: o.updatedAt,
			summary: o.title,
			description: o.description,
			location: o.location ?? undefined,
			url: o.url,
			sequence: o.sequence,
			status: o.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return cal.toString();
}
