import { defineConfig } from '@playwright/test';

const PORT = 4173;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
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
	webServer: {
		command: 'rm -rf .tmp/e2e-data && node scripts/start.js',
		url: `http://localhost:${PORT}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			DATA_DIR: '.tmp/e2e-data',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			SEED_DEMO: '1',
			NODE_ENV: 'test'
		}
	}
});
