// NUL bytes cannot be stored in PostgreSQL text (SQLSTATE 22021) and have no business in a path, a
// query or a form field: requests carrying one are refused as bad input before any route runs.
const NUL = '\u0000';
/** Larger multipart bodies (uploads) are not parsed twice; their text fields are short anyway. */
const MAX_CHECKED_BODY = 8 * 1024 * 1024;

function decoded(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

export async function hasNulByte(request: Request, url: URL): Promise<boolean> {
	if (decoded(url.pathname).includes(NUL) || decoded(url.search).includes(NUL)) return true;
	if (request.method === 'GET' || request.method === 'HEAD') return false;
	const type = request.headers.get('content-type') ?? '';
	const length = Number(request.headers.get('content-length') ?? NaN);
	const isForm =
		type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
	if (!isForm || !(length <= MAX_CHECKED_BODY)) return false;
	try {
		const form = await request.clone().formData();
		for (const [name, value] of form.entries())
			if (name.includes(NUL) || (typeof value === 'string' && value.includes(NUL))) return true;
	} catch {
		// An unreadable body is the route's to refuse.
	}
	return false;
}
