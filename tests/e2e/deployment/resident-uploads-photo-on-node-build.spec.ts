// The README's deployment starts the app with plain `node build`. This spec starts exactly that
// (only PORT, ORIGIN and a fresh DATA_DIR set; no BODY_SIZE_LIMIT), so photos and imports must fit
// through adapter-node's body limit without scripts/start.js.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 2000;
const ORIGIN = `http://localhost:${PORT}`;
const MAP = `${ORIGIN}/beteiligung/marktplatz-altstadt/karte`;
const MB = 1024 * 1024;

let server: ChildProcess;
let dataDir: string;

/** A real PNG of about `bytes` bytes (noise, stored uncompressed), as large as a phone photo. */
function png(bytes: number): Buffer {
	const width = 1000;
	const row = width * 3 + 1;
	const height = Math.ceil(bytes / row);
	const raw = randomBytes(row * height);
	for (let y = 0; y < height; y++) raw[y * row] = 0; // filter type "none"
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body), body.length + 4);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8 bit RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 0 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-node-build-'));
	// Only what the README names: no BODY_SIZE_LIMIT from the test environment leaks in.
	server = spawn(process.execPath, ['build'], {
		env: { PATH: process.env.PATH, PORT: String(PORT), ORIGIN, DATA_DIR: dataDir },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 170; i++) {
		const up = await fetch(`${ORIGIN}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return;
		if (server.exitCode !== null) throw new Error(`node build exited with ${server.exitCode}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
	throw new Error('node build did not come up');
});

test.afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fillContribution(page: Page, text: string) {
	// Typed only once the page is interactive (hydration sets the form's fields).
	await page.waitForLoadState('networkidle');
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Thema').selectOption({ index: 1 });
	await form.getByLabel('Ihr Beitrag').fill(text);
	await form.locator('fieldset.area-picker input[type="checkbox"]').first().check();
	await form.getByLabel('Was ist auf Foto 1 zu sehen?').fill('Zugewachsener Weg am Bach');
	return form;
}

test('a photo of 5 MB goes through `node build` as documented', async ({ page }) => {
	await page.goto(MAP);
	const text = `Der Weg am Bach ist zugewachsen ${Date.now().toString(36)}`;
	const form = await fillContribution(page, text);
	await form
		.getByLabel('Foto 1', { exact: true })
		.setInputFiles({ name: 'weg.png', mimeType: 'image/png', buffer: png(5 * MB) });
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(page.getByRole('heading', { name: 'Danke für Ihren Beitrag' })).toBeVisible();
	await page
		.getByRole('status')
		.filter({ hasText: 'Danke für Ihren Beitrag' })
		.getByRole('link', { name: 'Beitrag ansehen' })
		.click();
	await expect(page.getByTestId('contribution-body')).toHaveText(text);
	const photo = page.getByRole('img', { name: 'Zugewachsener Weg am Bach' });
	await photo.scrollIntoViewIfNeeded();
	// The stored photo is served back and decodes: the whole 5 MB arrived.
	await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1000);
});

test('a 2 MB GeoJSON goes through `node build` into the area import', async ({ page }) => {
	await page.goto(`${ORIGIN}/anmelden`);
	await page.waitForLoadState('networkidle');
	const login = page.locator('form[action="?/login"]');
	await login.getByLabel('E-Mail-Adresse').fill('planung@musterstadt.example');
	await login.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
	await login.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await page.goto(`${ORIGIN}/admin/gebiete/import`);
	const file = '../shared/fixtures/berlin-mss-2021/bezirksgrenzen.geojson';
	expect(fs.statSync(file).size).toBeGreaterThan(2 * 1000 * 1000);
	await page.getByLabel('Datei').setInputFiles(file);
	await page.getByRole('button', { name: 'Hochladen und weiter' }).click();
	await expect(page).toHaveURL(/\/admin\/gebiete\/import\/[0-9a-f-]{36}/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('an oversize photo is named on the form and everything typed stays', async ({ page }) => {
		await page.goto(MAP);
		const text = `Zu großes Foto vom Spielplatz ${Date.now().toString(36)}`;
		const form = await fillContribution(page, text);
		await form
			.getByLabel('Foto 1', { exact: true })
			.setInputFiles({ name: 'gross.png', mimeType: 'image/png', buffer: png(9 * MB) });
		await form.getByRole('button', { name: 'Beitrag absenden' }).click();
		await expect(form.getByText('Datei zu groß – höchstens 8 MB.', { exact: false })).toBeVisible();
		await expect(form.getByLabel('Foto 1', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expect(form.getByLabel('Ihr Beitrag')).toHaveValue(text);
		await expect(form.getByLabel('Was ist auf Foto 1 zu sehen?')).toHaveValue('Zugewachsener Weg am Bach');
		await expect(form.locator('fieldset.area-picker input[type="checkbox"]').first()).toBeChecked();
	});

	test('a body over the whole-request limit is answered on the form, not with a bare 413', async ({
		request
	}) => {
		const response = await request.post(`${MAP}?/create`, {
			headers: { Origin: ORIGIN, Accept: 'text/html' },
			multipart: {
				body: 'Viel zu viel auf einmal',
				photo1: { name: 'riesig.png', mimeType: 'image/png', buffer: Buffer.alloc(61 * MB) }
			}
		});
		expect(response.status()).toBe(413);
		const html = await response.text();
		expect(html).toContain('Die Dateien sind zusammen zu groß – höchstens 60 MB auf einmal.');
		expect(html).toContain('Beitrag absenden');
	});
});

test('with JavaScript an oversize photo is named before anything is sent', async ({ page }) => {
	await page.goto(MAP);
	const text = `Foto zu groß, Text bleibt ${Date.now().toString(36)}`;
	const form = await fillContribution(page, text);
	await form
		.getByLabel('Foto 1', { exact: true })
		.setInputFiles({ name: 'gross.png', mimeType: 'image/png', buffer: png(9 * MB) });
	await expect(form.getByText('Datei zu groß – höchstens 8 MB.', { exact: false })).toBeVisible();
	let posted = false;
	page.on('request', (r) => {
		if (r.method() === 'POST') posted = true;
	});
	await form.getByRole('button', { name: 'Beitrag absenden' }).click();
	await expect(form.getByLabel('Foto 1', { exact: true })).toBeFocused();
	expect(posted).toBe(false);
	await expect(form.getByLabel('Ihr Beitrag')).toHaveValue(text);
});
