// Pure rules of notification mails (issue 10): who gets a mail in a run, and how a digest groups its
// lines. No database; unit-tested in tests/unit/notifications/digest.test.ts.

export type Delivery = 'immediate' | 'weekly' | 'off';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;

export interface DigestPerson {
	delivery: Delivery;
	lastMailAt: Date | null;
	lastDigestAt: Date | null;
	/** undelivered events waiting for this person */
	pending: number;
}

/**
 * Whether a person gets a mail in this run: something is waiting, mails are not off, the last
 * notification mail is at least a day old (never more than one a day), and for the weekly digest
 * (the default) the last digest is at least a week old.
 */
export function mailDue(person: DigestPerson, now: Date): boolean {
	if (person.pending <= 0 || person.delivery === 'off') return false;
	if (person.lastMailAt && now.getTime() - person.lastMailAt.getTime() < DAY_MS) return false;
	if (
		person.delivery === 'weekly' &&
		person.lastDigestAt &&
		now.getTime() - person.lastDigestAt.getTime() < WEEK_MS
	)
		return false;
	return true;
}

/** When the person's next mail could go out at the earliest (for the settings page). */
export function nextMailAt(person: Omit<DigestPerson, 'pending'>, now: Date): Date | null {
	if (person.delivery === 'off') return null;
	let at = now.getTime();
	if (person.lastMailAt) at = Math.max(at, person.lastMailAt.getTime() + DAY_MS);
	if (person.delivery === 'weekly' && person.lastDigestAt)
		at = Math.max(at, person.lastDigestAt.getTime() + WEEK_MS);
	return new Date(at);
}

export interface DigestEvent {
	itemType: string;
	itemId: string;
	messageKey: string;
	params: Record<string, string>;
	path: string;
	createdAt: Date;
}

export interface DigestGroup {
	itemType: string;
	itemId: string;
	path: string;
	/** newest first */
	events: DigestEvent[];
}

/**
 * One group per item (several changes of one measure read as one block), newest item first; the same
 * line twice in a group (a measure's details saved three times this week) is kept once, the newest.
 */
export function groupDigest(events: readonly DigestEvent[]): DigestGroup[] {
	const groups = new Map<string, DigestGroup>();
	const lines = new Set<string>();
	const sorted = [...events].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
	for (const event of sorted) {
		const key = `${event.itemType}:${event.itemId}`;
		const line = `${key}\u0000${event.messageKey}\u0000${JSON.stringify(Object.entries(event.params).sort())}`;
		if (lines.has(line)) continue;
		lines.add(line);
		let group = groups.get(key);
		if (!group) {
			group = { itemType: event.itemType, itemId: event.itemId, path: event.path, events: [] };
			groups.set(key, group);
		}
		group.events.push(event);
	}
	return [...groups.values()];
}
