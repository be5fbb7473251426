import { defineConfig } from '@playwright/test';

// E2E_PORT / E2E_DEV let several people (or helpers) run specs at once: own port, dev server, own data dir.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DEV = process.env.E2E_DEV === '1';
const DATA_DIR = `.tmp/e2e-data-${PORT}`;
// A local stand-in geocoder (tests/e2e/stand-ins/geocoder.mjs): no outside service is called.
const GEOCODER_PORT = PORT + 1000;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	// Two browsers against the one server: specs keep to their own client address and data, and the
	// sweep's views run side by side (measured: 64 specs pass with 2 workers).
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	// All specs share one server and its demo city. Specs that change the city itself (importing new
	// area levels) run after all others, so every other spec sees Musterstadt as seeded.
	projects: [
		{ name: 'shared-city', testIgnore: '**/area-import/**' },
		{ name: 'changes-city', testMatch: '**/area-import/**/*.spec.ts', dependencies: ['shared-city'] }
	],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'de-DE',
		// Every spec gets its own client address (see tests/e2e/helpers.ts); rate limits key on it.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.2' },
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--headless',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		},
		trace: 'off',
		screenshot: 'only-on-failure'
	},
	webServer: [
		{
			command: 'node tests/e2e/stand-ins/geocoder.mjs',
			url: `http://127.0.0.1:${GEOCODER_PORT}/healthz`,
			reuseExistingServer: false,
			env: { GEOCODER_PORT: String(GEOCODER_PORT) }
		},
		{
			command: `rm -rf ${DATA_DIR} && ${DEV ? `npx vite dev --port ${PORT} --strictPort` : 'node scripts/start.js'}`,
			url: `http://localhost:${PORT}/healthz`,
			timeout: 180_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			env: {
				PORT: String(PORT),
				ORIGIN: `http://localhost:${PORT}`,
				DATA_DIR,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				SEED_DEMO: '1',
				NODE_ENV: 'test',
				GEOCODER_URL: `http://127.0.0.1:${GEOCODER_PORT}/search`,
				// Anonymous specs then also walk the proof-of-work (solved in the browser).
				ANON_PROOF_OF_WORK: '10'
			}
		}
	]
});
