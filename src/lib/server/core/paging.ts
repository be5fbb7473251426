// One page of a counted list: the wanted page clamped to 1…pageCount (a page past the end shows the
// last one, nonsense shows the first), at least one page even when the list is empty.
export interface PageOf {
	page: number;
	pageCount: number;
	offset: number;
}

export function pageOf(total: number, wanted: number | undefined, pageSize: number): PageOf {
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(wanted ?? 1) || 1), pageCount);
	return { page, pageCount, offset: (page - 1) * pageSize };
}
