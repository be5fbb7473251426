// Berlin wall-clock times (what organisers type into datetime-local fields) ↔ instants. Browser-safe.
import { CITY_TIME_ZONE } from '../format/dates';

const PARTS = new Intl.DateTimeFormat('en-US', {
	timeZone: CITY_TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

export function berlinWallTime(at: Date): WallTime {
	const out: Record<string, number> = {};
	for (const p of PARTS.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
	return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute };
}

function offsetAt(ms: number): number {
	const w = berlinWallTime(new Date(ms));
	const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	return wall - Math.floor(ms / 60000) * 60000;
}

/** The instant of a Berlin wall time (month 1-based; day/month overflow is normalised like Date.UTC). */
export function fromBerlin(w: WallTime): Date {
	const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
	const first = wall - offsetAt(wall);
	return new Date(wall - offsetAt(first));
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** '2027-03-27T18:00' (Berlin) → instant, or null. */
export function parseBerlinLocal(value: string): Date | null {
	const m = LOCAL.exec(value.trim().slice(0, 16));
	if (!m) return null;
	const [, y, mo, d, h, mi] = m.map(Number);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
	return fromBerlin({ year: y, month: mo, day: d, hour: h, minute: mi });
}

/** instant → '2027-03-27T18:00' in Berlin (for datetime-local values). */
export function toBerlinLocal(at: Date): string {
	const w = berlinWallTime(at);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}
