// Sorting the map's table (server-side for the no-JS form, client-side with JS). Missing values always last.

export const SORT_KEYS = ['name', 'value', 'count'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface SortState {
	key: SortKey;
	direction: SortDirection;
}

/** URL form of a sort ('wert-ab'), German and short like every URL here. */
const URL_KEYS: Record<SortKey, string> = { name: 'name', value: 'wert', count: 'zahl' };
const URL_DIRECTIONS: Record<SortDirection, string> = { ascending: 'auf', descending: 'ab' };

export const DEFAULT_SORT: SortState = { key: 'name', direction: 'ascending' };

export function sortToParam(sort: SortState): string {
	return `${URL_KEYS[sort.key]}-${URL_DIRECTIONS[sort.direction]}`;
}

export function sortFromParam(param: string | null | undefined): SortState | null {
	if (!param) return null;
	const [k, d] = param.split('-');
	const key = SORT_KEYS.find((s) => URL_KEYS[s] === k);
	const direction = (Object.keys(URL_DIRECTIONS) as SortDirection[]).find((s) => URL_DIRECTIONS[s] === d);
	return key && direction ? { key, direction } : null;
}

/** Every possible URL value (for validation). */
export const SORT_PARAMS = SORT_KEYS.flatMap((key) =>
	(['ascending', 'descending'] as const).map((direction) => sortToParam({ key, direction }))
);

/** The sort a header button switches to: the other direction if it is already sorted by this key. */
export function nextSort(current: SortState, key: SortKey): SortState {
	if (current.key === key)
		return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
	return { key, direction: key === 'name' ? 'ascending' : 'descending' };
}

export interface SortableRow {
	name: string;
	key: string;
	value: number | null;
	count: number | null;
}

/** A sorted copy. Rows without a number stay at the end in both directions; ties by name, then key. */
export function sortRows<T extends SortableRow>(rows: readonly T[], sort: SortState, locale: string): T[] {
	const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
	const byName = (a: T, b: T) => collator.compare(a.name, b.name) || collator.compare(a.key, b.key);
	const sign = sort.direction === 'ascending' ? 1 : -1;
	return [...rows].sort((a, b) => {
		if (sort.key === 'name') return sign * byName(a, b);
		const x = a[sort.key];
		const y = b[sort.key];
		if (x === null && y === null) return byName(a, b);
		if (x === null) return 1;
		if (y === null) return -1;
		return sign * (x - y) || byName(a, b);
	});
}
