// NUL bytes cannot be stored in PostgreSQL text (SQLSTATE 22021) and have no business in a path, a
// query or a form field: requests carrying one are refused as bad input before any route runs.
// The check looks at the raw form (`%00` or a NUL) as well as the decoded one, so no decoding quirk
// (an invalid sequence like `%FF%00` that decodeURIComponent refuses but URLSearchParams decodes)
// lets one through. A body too large to read twice (uploads over MAX_CHECKED_BODY) is not checked
// here: for it, and for any NUL that reaches the database by another way, isBadInputError() turns the
// database's refusal into the same 400 (hooks.server.ts) instead of a 500.
const NUL = '\u0000';
const ENCODED_NUL = /%00/i;
/** Larger bodies (uploads) are not read twice; their text fields are short anyway. */
export const MAX_CHECKED_BODY = 8 * 1024 * 1024;

function hasNul(value: string): boolean {
	return value.includes(NUL) || ENCODED_NUL.test(value);
}

function decodedHasNul(value: string): boolean {
	try {
		return decodeURIComponent(value).includes(NUL);
	} catch {
		return false;
	}
}

function paramsHaveNul(params: URLSearchParams): boolean {
	for (const [name, value] of params) if (name.includes(NUL) || value.includes(NUL)) return true;
	return false;
}

/** The body's bytes, or null when it is longer than max (the copy is then abandoned). */
async function readUpTo(
	body: ReadableStream<Uint8Array>,
	max: number
): Promise<Uint8Array<ArrayBuffer> | null> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel().catch(() => undefined);
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

export async function hasNulByte(request: Request, url: URL): Promise<boolean> {
	if (hasNul(url.pathname) || decodedHasNul(url.pathname)) return true;
	if (hasNul(url.search) || paramsHaveNul(url.searchParams)) return true;
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return false;
	const type = request.headers.get('content-type') ?? '';
	const urlencoded = type.startsWith('application/x-www-form-urlencoded');
	if (!urlencoded && !type.startsWith('multipart/form-data')) return false;
	// Declared too large: not read twice (the database answer is the safety net). Without a length
	// (chunked) the copy is read until it passes the same limit.
	const declared = request.headers.get('content-length');
	if (declared !== null && !(Number(declared) <= MAX_CHECKED_BODY)) return false;
	try {
		const bytes = await readUpTo(request.clone().body!, MAX_CHECKED_BODY);
		if (!bytes) return false;
		if (urlencoded) {
			const text = new TextDecoder().decode(bytes);
			return hasNul(text) || paramsHaveNul(new URLSearchParams(text));
		}
		const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
		for (const [name, value] of form.entries())
			if (name.includes(NUL) || (typeof value === 'string' && value.includes(NUL))) return true;
	} catch {
		// An unreadable body is the route's to refuse.
	}
	return false;
}

/** PostgreSQL's "invalid byte sequence" (a NUL in text): both drivers expose the SQLSTATE as .code. */
const INVALID_TEXT_SQLSTATE = '22021';

/** True when error (or its cause) is the database refusing a NUL or invalid text: bad input, not a fault. */
export function isBadInputError(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	const e = error as { code?: unknown; cause?: unknown };
	if (e.code === INVALID_TEXT_SQLSTATE) return true;
	return isBadInputError(e.cause, depth + 1);
}
