import adapter from './scripts/adapter.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Forms are protected by SvelteKit's origin check; ORIGIN defaults to http://localhost:$PORT (see scripts/start.js).
		csrf: { trustedOrigins: [] },
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
