import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// Pre-bundle the lazily imported map library, so the dev server does not reload on its first use.
	optimizeDeps: { include: ['leaflet'] },
	test: {
		// PGlite takes ~0.5-0.9 GB per worker; two workers fit the 2-core machines.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
					environment: 'node',
					// Some unit tests build and unpack zip bombs or lay out large tables: seconds on a busy
					// 2-core machine, more than Vitest's default 5 s. Speed budgets live in the bench.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
