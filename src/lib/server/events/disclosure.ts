// Participants by area of residence are counts of people per area: 1 … k−1 are shown as the secret
// sign "." (the exports' small-number rule, participation/exports/table.ts).
import { isSuppressed, protectCount } from '../participation/exports/table';

export function suppressSmallCount(count: number, k: number): number | '.' {
	const cell = protectCount(count, 'area', k);
	return isSuppressed(cell) ? '.' : count;
}
