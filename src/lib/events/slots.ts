// Date finding: ranking the proposed slots (yes = 2, if need be = 1, no = 0). Browser-safe.
import type { PollAnswer } from './types';

export const ANSWER_POINTS: Record<PollAnswer, number> = { yes: 2, maybe: 1, no: 0 };

export interface SlotTally {
	slotId: string;
	startsAt: Date;
	yes: number;
	maybe: number;
	no: number;
	score: number;
	/** the slot's cap of "yes", when reached */
	full: boolean;
}

/** Tallies per slot, best first: highest score, then more "yes", then the earlier slot. */
export function rankSlots(
	slots: { id: string; startsAt: Date; cap: number | null }[],
	answers: { slotId: string; answer: PollAnswer }[]
): SlotTally[] {
	const tallies = new Map<string, SlotTally>();
	for (const s of slots)
		tallies.set(s.id, { slotId: s.id, startsAt: s.startsAt, yes: 0, maybe: 0, no: 0, score: 0, full: false });
	for (const a of answers) {
		const t = tallies.get(a.slotId);
		if (!t) continue;
		t[a.answer] += 1;
		t.score += ANSWER_POINTS[a.answer];
	}
	for (const s of slots) {
		const t = tallies.get(s.id)!;
		t.full = s.cap !== null && t.yes >= s.cap;
	}
	return [...tallies.values()].sort(
		(a, b) => b.score - a.score || b.yes - a.yes || a.startsAt.getTime() - b.startsAt.getTime()
	);
}
