import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_SIZE_LIMIT as BUILD_DEFAULT } from '../../../scripts/adapter.js';
import { DEFAULT_BODY_SIZE_LIMIT, parseBodySizeLimit, readConfig } from '../../../src/lib/server/config';
import { megabytes, readFormData } from '../../../src/lib/server/http/form-data';

/** A multipart post whose body stream fails the way adapter-node fails it over BODY_SIZE_LIMIT. */
function failingPost(error: unknown): Request {
	const body = new ReadableStream({ start: (controller) => controller.error(error) });
	return new Request('http://localhost/', {
		method: 'POST',
		body,
		duplex: 'half',
		headers: { 'content-type': 'multipart/form-data; boundary=x' }
	} as RequestInit);
}

describe('readFormData', () => {
	it('answers a body refused as too large with too_large instead of throwing', async () => {
		const refused = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), { status: 413 });
		expect(await readFormData(failingPost(refused))).toEqual({ ok: false, code: 'too_large' });
	});

	it('passes other failures on', async () => {
		await expect(readFormData(failingPost(new Error('aborted')))).rejects.toThrow('aborted');
	});

	it('reads an ordinary form', async () => {
		const form = new FormData();
		form.set('body', 'Hallo');
		const read = await readFormData(new Request('http://localhost/', { method: 'POST', body: form }));
		expect(read.ok && read.form.get('body')).toBe('Hallo');
	});
});

describe('BODY_SIZE_LIMIT', () => {
	it('the app names the limit build/defaults.js sets for `node build`', () => {
		expect(DEFAULT_BODY_SIZE_LIMIT).toBe(BUILD_DEFAULT);
		expect(megabytes(readConfig({}).bodySizeLimit)).toBe(60);
	});

	it('is parsed as adapter-node parses it', () => {
		expect(parseBodySizeLimit('512K')).toBe(512 * 1024);
		expect(parseBodySizeLimit('60m')).toBe(60 * 1024 * 1024);
		expect(parseBodySizeLimit('1048576')).toBe(1048576);
		expect(parseBodySizeLimit('Infinity')).toBe(Infinity);
		expect(megabytes(readConfig({ BODY_SIZE_LIMIT: '100M' }).bodySizeLimit)).toBe(100);
	});
});
