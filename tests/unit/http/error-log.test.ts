// Every error number shown on an error page is logged with its cause (handleError in hooks.server.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from '../../../src/hooks.server';
import { errorLogLine, pathForLog } from '../../../src/lib/server/http/error-log';

type ErrorInput = Parameters<typeof handleError>[0];

function eventFor(method: string, url: string): ErrorInput['event'] {
	return { request: new Request(url, { method }), url: new URL(url), locals: {} } as ErrorInput['event'];
}

afterEach(() => vi.restoreAllMocks());

describe('handleError', () => {
	it('logs the error number shown with method, path (no query values) and the stack', async () => {
		const logged: unknown[][] = [];
		vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
		const cause = new Error('connection refused');
		const error = new Error('Kaputt beim Laden', { cause });
		const shown = await handleError({
			error,
			event: eventFor('POST', 'http://localhost/beteiligung/x/karte?token=geheim123&page=2'),
			status: 500,
			message: 'Internal Error'
		});
		expect(shown).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		const id = (shown as { id: string }).id;
		expect(logged).toHaveLength(1);
		const line = String(logged[0][0]);
		expect(line.startsWith(`[${id}] 500 POST /beteiligung/x/karte?token=…&page=…\n`)).toBe(true);
		expect(line).toContain(error.stack!);
		expect(line).toContain(`Caused by: ${cause.stack}`);
		expect(line).not.toContain('geheim123');
	});

	it('4xx errors with a number are logged too; a 413 gets a German message naming the limit', async () => {
		const logged: unknown[][] = [];
		vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
		const tooLarge = Object.assign(new Error('Content-length of 70000000 exceeds limit'), { status: 413 });
		const shown = (await handleError({
			error: tooLarge,
			event: eventFor('POST', 'http://localhost/konto'),
			status: 413,
			message: 'Payload Too Large'
		})) as { id: string; message: string };
		expect(shown.message).toBe(
			'Die Anfrage ist zu groß – höchstens 60 MB auf einmal. Bitte gehen Sie zurück und wählen Sie kleinere Dateien.'
		);
		expect(String(logged[0][0])).toMatch(new RegExp(`^\\[${shown.id}\\] 413 POST /konto\\n`));
		expect(String(logged[0][0])).toContain('exceeds limit');
	});
});

describe('errorLogLine', () => {
	it('describes thrown non-errors and keeps query names only', () => {
		const url = new URL('http://localhost/a?x=1&x=2&y=%C3%A4');
		expect(pathForLog(url)).toBe('/a?x=…&y=…');
		expect(errorLogLine('n1', 404, { method: 'GET', url: new URL('http://localhost/nix') }, 'weg')).toBe(
			'[n1] 404 GET /nix\nweg'
		);
	});
});
