import adapter from './scripts/adapter.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Forms are protected by the origin check in hooks.server.ts (src/lib/server/http/origin-check.ts):
		// SvelteKit's rule plus the one exception it cannot make, RFC 8058's one-click unsubscribe post
		// from mail programs. '*' switches SvelteKit's own check off (it runs before the hooks).
		// ORIGIN defaults to http://localhost:$PORT (see scripts/start.js).
		csrf: { trustedOrigins: ['*'] },
		// Strict CSP; 'auto' gives SvelteKit's inline hydration script a nonce (or a hash when
		// prerendered). Inline styles stay allowed: Svelte style attributes and Leaflet set them.
		// hooks.server.ts adds a configured TILE_URL's origin to img-src at run time.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'frame-ancestors': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
