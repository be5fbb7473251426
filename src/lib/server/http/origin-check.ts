// The CSRF origin check for form posts, done in hooks.server.ts instead of by SvelteKit (kit.csrf is
// switched off in svelte.config.js): the same rule as SvelteKit's own check (a form-encoded POST, PUT,
// PATCH or DELETE whose Origin is not ours is refused with 403, before any route runs), with one
// exception SvelteKit cannot make: RFC 8058's one-click unsubscribe. A mail program (or the mail
// provider's server) posts exactly `List-Unsubscribe=One-Click` to the address in the mail's
// List-Unsubscribe header, from another origin or with none. That post may end only what the
// unguessable token in its address names, so letting it through grants nothing a forged form could use.
import { TOKEN_PATTERN } from '../following/tokens';

const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	// SvelteKit's remote forms
	'application/x-sveltekit-formdata'
];
const CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const UNSUBSCRIBE_PREFIX = '/benachrichtigungen/abbestellen/';
/** The one-click body is 26 bytes; a multipart one a little more. */
const MAX_ONE_CLICK_BODY = 1024;

function contentType(request: Request): string {
	return (request.headers.get('content-type')?.split(';', 1)[0].trim() ?? '').toLowerCase();
}

/** An RFC 8058 one-click unsubscribe: POST of exactly List-Unsubscribe=One-Click to a token address. */
export async function isOneClickUnsubscribe(request: Request, url: URL): Promise<boolean> {
	if (request.method !== 'POST' || url.search !== '' || !url.pathname.startsWith(UNSUBSCRIBE_PREFIX))
		return false;
	if (!TOKEN_PATTERN.test(url.pathname.slice(UNSUBSCRIBE_PREFIX.length))) return false;
	const type = contentType(request);
	if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return false;
	// A declared large body is not read (a chunked one is limited by BODY_SIZE_LIMIT, as every form is).
	const length = request.headers.get('content-length');
	if (length !== null && !(Number(length) <= MAX_ONE_CLICK_BODY)) return false;
	try {
		const entries = [...(await request.clone().formData()).entries()];
		return entries.length === 1 && entries[0][0] === 'List-Unsubscribe' && entries[0][1] === 'One-Click';
	} catch {
		return false;
	}
}

/** The 403 answer for a cross-site form post (SvelteKit's wording), or null when it may pass. */
export async function refuseCrossSiteForm(request: Request): Promise<Response | null> {
	const url = new URL(request.url);
	if (!CHANGING_METHODS.includes(request.method) || !FORM_TYPES.includes(contentType(request))) return null;
	if (request.headers.get('origin') === url.origin) return null;
	if (await isOneClickUnsubscribe(request, url)) return null;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json')
		return new Response(JSON.stringify({ message }), {
			status: 403,
			headers: { 'content-type': 'application/json' }
		});
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
}
