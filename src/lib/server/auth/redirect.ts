// Where to go after login: only paths on this site (never an open redirect to another host).
const BASE = 'http://qk.invalid';

export function safeRedirectTarget(value: unknown, fallback = '/konto'): string {
	if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return fallback;
	// A path, not "//host" or "/\host" (browsers treat both as another host), no control characters.
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\s\\]/.test(value)) return fallback;
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	// Never bounce back to the logout action or to login itself.
	if (url.pathname === '/abmelden' || url.pathname === '/anmelden') return fallback;
	const target = url.pathname + url.search + url.hash;
	// Normalising can make a host out of a path ('/.//evil.example' → '//evil.example'): check the
	// result again, as the browser will read it.
	if (target.startsWith('//') || target.startsWith('/\\')) return fallback;
	return target;
}
