// The unsubscribe page (/benachrichtigungen/abbestellen/[token]) with no session: the mail's link shows
// what it ends without changing anything (mail scanners open links), the button ends exactly that
// subscription and redirects; a guessed token is a 404. Route-level: the page's own load and action.
import { randomBytes } from 'node:crypto';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n';
import type { DB } from '../../../src/lib/server/db/types';
import { followItem, isFollowing, saveNotificationSettings } from '../../../src/lib/server/following';
import { actions, load } from '../../../src/routes/benachrichtigungen/abbestellen/[token]/+page.server';
import { describeEachDatabase } from '../helpers/db';
import { insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';

type LoadEvent = Parameters<typeof load>[0];
type ActionEvent = Parameters<typeof actions.default>[0];

describeEachDatabase('unsubscribe page without a session', (get) => {
	let db: Kysely<DB>;
	let tree: AreaTree;
	// No actor, no cookie: what a person clicking the link in a mail client has.
	const locals = () => ({ ctx: { db, actor: null, t: translator('de'), now: new Date() } });
	const open = (token: string, search = '') =>
		load({
			locals: locals(),
			params: { token },
			url: new URL(`http://localhost/benachrichtigungen/abbestellen/${token}${search}`)
		} as unknown as LoadEvent);
	const press = (token: string) =>
		actions.default({ locals: locals(), params: { token } } as unknown as ActionEvent);
	async function thrown(p: unknown): Promise<unknown> {
		try {
			await p;
		} catch (e) {
			return e;
		}
		throw new Error('expected the route to throw');
	}

	beforeAll(async () => {
		db = get().db;
		tree = await insertAreaTree(db, 'u');
	});

	it('shows and ends one follow by its token, logged out; opening the link changes nothing', async () => {
		const person = await insertUser(db, { name: 'Ulla Abmeldend' });
		await followItem(db, person, { type: 'area', id: tree.altstadt });
		await followItem(db, person, { type: 'area', id: tree.hafen });
		const { token } = await db
			.selectFrom('follow')
			.select('token')
			.where('user_id', '=', person)
			.where('target_id', '=', tree.altstadt)
			.executeTakeFirstOrThrow();

		const page = await open(token);
		expect(page).toMatchObject({ done: false, kind: 'follow' });
		expect(page && 'title' in page && page.title).toBeTruthy();
		expect(await isFollowing(db, person, { type: 'area', id: tree.altstadt })).toBe(true);

		const r = await thrown(press(token));
		expect(isRedirect(r) && r.status === 303 && r.location).toBe(
			`/benachrichtigungen/abbestellen/${token}?erledigt=1`
		);
		expect(await isFollowing(db, person, { type: 'area', id: tree.altstadt })).toBe(false);
		// Only that subscription.
		expect(await isFollowing(db, person, { type: 'area', id: tree.hafen })).toBe(true);
		// The page it redirects to still answers (the token is used up, the page says it is done).
		expect(await open(token, '?erledigt=1')).toMatchObject({ done: true });
	});

	it("ends all mails with the person's own token, logged out", async () => {
		const person = await insertUser(db);
		await saveNotificationSettings(db, person, { delivery: 'immediate', autoFollow: true }, new Date());
		const { token } = await db
			.selectFrom('notification_setting')
			.select('token')
			.where('user_id', '=', person)
			.executeTakeFirstOrThrow();
		expect(await open(token)).toMatchObject({ done: false, kind: 'all' });
		expect(isRedirect(await thrown(press(token)))).toBe(true);
		const { delivery } = await db
			.selectFrom('notification_setting')
			.select('delivery')
			.where('user_id', '=', person)
			.executeTakeFirstOrThrow();
		expect(delivery).toBe('off');
	});

	it('answers a guessed token with 404 and changes nothing', async () => {
		const before = (await db.selectFrom('follow').select('id').execute()).length;
		const guess = randomBytes(32).toString('base64url');
		const shown = await thrown(open(guess));
		expect(isHttpError(shown) && shown.status).toBe(404);
		const pressed = await thrown(press(guess));
		expect(isHttpError(pressed) && pressed.status).toBe(404);
		expect((await db.selectFrom('follow').select('id').execute()).length).toBe(before);
	});
});
