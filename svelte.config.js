import adapter from './scripts/adapter.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Forms are protected by SvelteKit's origin check; ORIGIN defaults to http://localhost:$PORT (see scripts/start.js).
		csrf: { trustedOrigins: [] }
	}
};

export default config;
