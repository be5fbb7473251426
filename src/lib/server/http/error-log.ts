// The log line for an error number shown on an error page: whoever reads the number out on the phone
// must find its cause in the log. Query values are left out (they may hold tokens or personal data).

export interface ErrorLogRequest {
	method: string;
	url: URL;
}

/** The path with the query's parameter names only: `/karte?page=…&token=…`. */
export function pathForLog(url: URL): string {
	const names = [...new Set(url.searchParams.keys())];
	return names.length
		? `${url.pathname}?${names.map((n) => `${encodeURIComponent(n)}=…`).join('&')}`
		: url.pathname;
}

function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const own = error.stack ?? `${error.name}: ${error.message}`;
	return error.cause === undefined ? own : `${own}\nCaused by: ${describe(error.cause)}`;
}

export function errorLogLine(id: string, status: number, request: ErrorLogRequest, error: unknown): string {
	return `[${id}] ${status} ${request.method} ${pathForLog(request.url)}\n${describe(error)}`;
}
