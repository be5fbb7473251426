// RFC 8058 one-click unsubscribe over real HTTP against the built app: the notification mail carries
// List-Unsubscribe and List-Unsubscribe-Post; a POST of exactly `List-Unsubscribe=One-Click` to that
// address ends the person's notification mails without a session and from any origin (mail programs
// and providers post it themselves); opening the link (GET) only asks; a wrong token or another body
// changes nothing and says nothing; every other cross-site form post is still refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db/connection';
import { migrate } from '../../../src/lib/server/db/migrate';
import type { DB } from '../../../src/lib/server/db/types';
import { followItem, recordEvent, runNotificationDigest } from '../../../src/lib/server/following';
import { startBuiltApp, type BuiltApp } from '../helpers/built-app';
import { insertAreaTree, insertUser } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

const MAIL_ORIGIN = 'https://quartier.example';
const FORM = 'application/x-www-form-urlencoded';
const ONE_CLICK = 'List-Unsubscribe=One-Click';

interface Person {
	id: string;
	/** the path of the mail's List-Unsubscribe address */
	unsubscribePath: string;
	headers: Record<string, string>;
}

async function settingOf(db: Kysely<DB>, userId: string) {
	return db
		.selectFrom('notification_setting')
		.select('delivery')
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
}

describe('one-click unsubscribe (RFC 8058, built app)', () => {
	let app: BuiltApp;
	let dataDir: string;
	/** [opens the link only, posts one-click, bystander] */
	let people: Person[];
	let bystanderFollows: number;

	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qk-one-click-'));
		const database = await openDatabase({ dataDir, lockRole: 'cli' });
		try {
			await migrate(database);
			const db = database.db;
			const tree = await insertAreaTree(db, 'o');
			const consultation = await insertConsultation(db, { areaIds: [tree.altstadt] });
			const ids = [await insertUser(db), await insertUser(db), await insertUser(db)];
			for (const id of ids) await followItem(db, id, { type: 'area', id: tree.altstadt });
			const item = await db
				.insertInto('contribution')
				.values({
					consultation_id: consultation.id,
					body: 'Mehr Licht am Weg',
					status: 'published',
					kind: 'map_comment'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await recordEvent(db, {
				itemType: 'contribution',
				itemId: item.id,
				messageKey: 'following.event.response',
				params: { excerpt: 'Mehr Licht am Weg', consultation: 'Test', status: 'accepted' },
				path: `/beteiligung/${consultation.slug}/beitrag/${item.id}`,
				actorId: null,
				targets: [{ type: 'area', id: tree.altstadt }],
				at: new Date()
			});
			await runNotificationDigest(db, { origin: MAIL_ORIGIN });
			people = [];
			for (const id of ids) {
				const { email } = await db
					.selectFrom('app_user')
					.select('email')
					.where('id', '=', id)
					.executeTakeFirstOrThrow();
				const mail = await db
					.selectFrom('mail_outbox')
					.select('headers')
					.where('to_address', '=', email)
					.executeTakeFirstOrThrow();
				const headers = (
					typeof mail.headers === 'string' ? JSON.parse(mail.headers) : mail.headers
				) as Record<string, string>;
				const address = /^<(.+)>$/.exec(headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
				people.push({ id, headers, unsubscribePath: address.replace(MAIL_ORIGIN, '') });
			}
			bystanderFollows = (await db.selectFrom('follow').select('id').where('user_id', '=', ids[2]).execute())
				.length;
		} finally {
			await database.close();
		}
		app = await startBuiltApp({ DATA_DIR: dataDir, SEED_DEMO: '0' });
	}, 600_000);

	afterAll(() => {
		app?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const post = (pathname: string, body: string, headers: Record<string, string> = {}) =>
		fetch(`${app.base}${pathname}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': FORM, ...headers },
			body
		});

	it('puts both headers into the notification mail, pointing at the token address', () => {
		for (const p of people) {
			expect(p.headers['List-Unsubscribe']).toMatch(
				new RegExp(`^<${MAIL_ORIGIN}/benachrichtigungen/abbestellen/[A-Za-z0-9_-]{43}>$`)
			);
			expect(p.headers['List-Unsubscribe-Post']).toBe(ONE_CLICK);
		}
	});

	it('opening the link only asks (a GET never unsubscribes)', async () => {
		const page = await fetch(`${app.base}${people[0].unsubscribePath}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('data-testid="unsubscribe"');
	});

	it('refuses other bodies and other addresses from another origin, and a wrong token says nothing', async () => {
		const target = people[1].unsubscribePath;
		const evil = { origin: 'https://evil.example' };
		for (const body of ['', 'List-Unsubscribe=One-Click&x=1', 'List-Unsubscribe=Yes', 'foo=bar'])
			expect((await post(target, body, evil)).status).toBe(403);
		expect((await post(`${target}?/default`, ONE_CLICK, evil)).status).toBe(403);
		// The one-click body opens no other form (sign-in, follow button).
		expect((await post('/anmelden?/login', ONE_CLICK, evil)).status).toBe(403);
		expect((await post('/folgen', ONE_CLICK, evil)).status).toBe(403);
		expect((await post('/benachrichtigungen/abbestellen/kurz', ONE_CLICK, evil)).status).toBe(403);
		// A well-formed but unknown token: the same "invalid link" answer as a GET, nothing about anyone.
		const guess = `/benachrichtigungen/abbestellen/${randomBytes(32).toString('base64url')}`;
		const wrong = await post(guess, ONE_CLICK, { accept: 'text/html' });
		expect(wrong.status).toBe(404);
		const text = await wrong.text();
		expect(text).not.toMatch(/@example\.org|Person \d/);
		expect((await fetch(`${app.base}${guess}`)).status).toBe(404);
	});

	it('ends the mails with one POST of List-Unsubscribe=One-Click, no session, no or a foreign origin', async () => {
		// What a mail provider's server sends: no Origin, no cookie, any Accept. SvelteKit answers a
		// non-HTML post with its action result (200, the redirect inside).
		const r = await post(people[1].unsubscribePath, ONE_CLICK);
		expect(r.status).toBe(200);
		expect(await r.json()).toMatchObject({
			type: 'redirect',
			location: `${people[1].unsubscribePath}?erledigt=1`
		});
		// Multipart is allowed by RFC 8058 too; a browser-like post gets the redirect to the "done" page;
		// a second post of a used token is harmless.
		const form = new FormData();
		form.set('List-Unsubscribe', 'One-Click');
		const again = await fetch(`${app.base}${people[1].unsubscribePath}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://mail.example', accept: 'text/html' },
			body: form
		});
		expect(again.headers.get('location')).toBe(`${people[1].unsubscribePath}?erledigt=1`);
		expect(again.status).toBe(303);
	});

	it('changed exactly that: the one who posted is off, the one who only opened the link and the bystander are not', async () => {
		app.stop();
		await new Promise((resolve) => app.process.once('exit', resolve));
		const database = await openDatabase({ dataDir, lockRole: 'cli' });
		try {
			const db = database.db;
			expect((await settingOf(db, people[1].id)).delivery).toBe('off');
			expect((await settingOf(db, people[0].id)).delivery).toBe('weekly');
			expect((await settingOf(db, people[2].id)).delivery).toBe('weekly');
			const follows = await db
				.selectFrom('follow')
				.select('id')
				.where('user_id', '=', people[2].id)
				.execute();
			expect(follows.length).toBe(bystanderFollows);
		} finally {
			await database.close();
		}
	}, 60_000);
});
