// Date finding: the rows of the slot editor (start, end, optional cap per slot) → slots, with errors
// that name the row. Browser-safe; the manage page's action parses, the page renders the rows.
import { berlinWallTime, fromBerlin, parseBerlinLocal } from './time';

/** What one row of the form holds, as typed. */
export interface SlotRow {
	start: string;
	end: string;
	cap: string;
}

export interface ParsedSlot {
	startsAt: Date;
	endsAt: Date;
	cap: number | null;
}

export type SlotRowErrorCode =
	'slotStartInvalid' | 'slotEndInvalid' | 'slotEndBeforeStart' | 'slotTooLong' | 'slotCapInvalid';
export type SlotFormErrorCode = 'slotsRequired' | 'slotsTooMany';

export interface SlotRowError {
	/** 1-based, as the rows are numbered on the page */
	row: number;
	field: 'start' | 'end' | 'cap';
	code: SlotRowErrorCode;
}

export const MIN_POLL_SLOTS = 2;
export const MAX_POLL_SLOTS = 20;
/** Empty rows offered by the editor (more through "weitere Zeile"). */
export const DEFAULT_SLOT_ROWS = 3;
/** A slot lasts at most this long (a workshop weekend, not a season). */
export const MAX_SLOT_MINUTES = 3 * 24 * 60;
export const MAX_SLOT_CAP = 100_000;

const TIME_ONLY = /^(\d{1,2}):(\d{2})$/;

/** An end as a full '2027-03-10T20:00' or a time of day '20:00' on the start's Berlin day. */
function parseEnd(value: string, start: Date): Date | null {
	const m = TIME_ONLY.exec(value);
	if (!m) return parseBerlinLocal(value);
	const hour = Number(m[1]);
	const minute = Number(m[2]);
	if (hour > 23 || minute > 59) return null;
	const day = berlinWallTime(start);
	return fromBerlin({ year: day.year, month: day.month, day: day.day, hour, minute });
}

/** Rows from the repeated form fields (slotStart / slotEnd / slotCap), aligned by position. */
export function slotRowsFromForm(form: { getAll(name: string): unknown[] }): SlotRow[] {
	const text = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const starts = text('slotStart');
	const ends = text('slotEnd');
	const caps = text('slotCap');
	const n = Math.min(Math.max(starts.length, ends.length, caps.length), MAX_POLL_SLOTS * 3);
	return Array.from({ length: n }, (_, i) => ({
		start: (starts[i] ?? '').slice(0, 40),
		end: (ends[i] ?? '').slice(0, 40),
		cap: (caps[i] ?? '').slice(0, 20)
	}));
}

export type SlotParseResult =
	{ ok: true; slots: ParsedSlot[] } | { ok: false; rows: SlotRowError[]; form: SlotFormErrorCode | null };

/**
 * Rows left wholly empty are skipped; every other row needs a start and an end after it (at most
 * MAX_SLOT_MINUTES later) and may have a cap (a whole number ≥ 1). Two to MAX_POLL_SLOTS slots.
 */
export function parseSlotRows(rows: SlotRow[]): SlotParseResult {
	const errors: SlotRowError[] = [];
	const slots: ParsedSlot[] = [];
	rows.forEach((r, i) => {
		const row = i + 1;
		const start = r.start.trim();
		const end = r.end.trim();
		const capText = r.cap.trim();
		if (!start && !end && !capText) return;
		const startsAt = parseBerlinLocal(start);
		if (!startsAt) errors.push({ row, field: 'start', code: 'slotStartInvalid' });
		const endsAt = startsAt ? parseEnd(end, startsAt) : parseBerlinLocal(end);
		// a time of day after an unreadable start is not wrong by itself
		if (!endsAt && !(startsAt === null && TIME_ONLY.test(end)))
			errors.push({ row, field: 'end', code: 'slotEndInvalid' });
		if (startsAt && endsAt) {
			const ms = endsAt.getTime() - startsAt.getTime();
			if (ms <= 0) errors.push({ row, field: 'end', code: 'slotEndBeforeStart' });
			else if (ms > MAX_SLOT_MINUTES * 60_000) errors.push({ row, field: 'end', code: 'slotTooLong' });
		}
		let cap: number | null = null;
		if (capText) {
			const n = Number(capText);
			if (!/^\d+$/.test(capText) || !Number.isSafeInteger(n) || n < 1 || n > MAX_SLOT_CAP)
				errors.push({ row, field: 'cap', code: 'slotCapInvalid' });
			else cap = n;
		}
		if (startsAt && endsAt) slots.push({ startsAt, endsAt, cap });
	});
	if (errors.length) return { ok: false, rows: errors, form: null };
	if (slots.length < MIN_POLL_SLOTS) return { ok: false, rows: [], form: 'slotsRequired' };
	if (slots.length > MAX_POLL_SLOTS) return { ok: false, rows: [], form: 'slotsTooMany' };
	return { ok: true, slots: slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()) };
}

/** How many rows the editor shows: the default, or the rows that came back, plus those asked for. */
export function slotRowCount(returned: number, added = 0): number {
	return Math.min(MAX_POLL_SLOTS, Math.max(DEFAULT_SLOT_ROWS, returned) + Math.max(0, added));
}
