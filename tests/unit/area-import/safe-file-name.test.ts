import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src/lib/server/area-import/uploads';

// Storage keys refuse '..' (path traversal); a staged file name must never contain it.
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

describe('safeFileName', () => {
	it('turns file names with dot runs, spaces and umlauts into valid storage key segments', () => {
		for (const [name, expected] of [
			['Bezirke..geojson', 'Bezirke.geojson'],
			['Bezirke Berlin (2021).zip', 'Bezirke_Berlin_2021_.zip'],
			['../../etc/passwd', 'passwd'],
			['...zip', 'zip'],
			['Grenzen…Quartiere.gpkg', 'Grenzen_Quartiere.gpkg']
		] as const) {
			const safe = safeFileName(name);
			expect(safe).toBe(expected);
			expect(safe).toMatch(KEY);
			expect(safe).not.toContain('..');
		}
	});
});
