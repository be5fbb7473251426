// Participants by area of residence are counts of people per area, published beside the number
// registered per date (capacity − places free): 1 … k−1 are shown as the secret sign ".", and so
// is the smallest further count wherever the published total would give a hidden one back
// (src/lib/stats/suppression.ts).
import { protectCountsBesideTotal } from '../../stats/suppression';

export function participantsTable<T extends { count: number }>(
	rows: readonly T[],
	registeredTotal: number,
	k: number
): (Omit<T, 'count'> & { count: number | '.' })[] {
	const shown = protectCountsBesideTotal(
		rows.map((r) => r.count),
		registeredTotal,
		k
	);
	return rows.map((r, i) => ({ ...r, count: shown[i] ?? '.' }));
}
