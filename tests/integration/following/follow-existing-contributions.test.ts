// Migration 20261205100000: map contributions made before responses went through follows get the
// follows new ones get — their signed-in authors and supporters, not people who switched automatic
// following off, not analog entries or replies — with unguessable, distinct unsubscribe tokens.
import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { TOKEN_PATTERN } from '../../../src/lib/server/following/tokens';
import { describeEachDatabase } from '../helpers/db';
import { insertUser } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

const MIGRATION = 'supabase/migrations/20261205100000_follow_existing_contributions.sql';

describeEachDatabase('follows for contributions made before', (get) => {
	it('gives authors and supporters the automatic follow, once, with strong tokens', async () => {
		const db = get().db;
		const c = await insertConsultation(db);
		const [author, supporter, optedOut, staff] = [
			await insertUser(db),
			await insertUser(db),
			await insertUser(db),
			await insertUser(db, { roles: ['quarter_manager'] })
		];
		await db
			.insertInto('notification_setting')
			.values({ user_id: optedOut, token: 'x'.repeat(43), auto_follow: false, updated_at: new Date() })
			.execute();
		const point = JSON.stringify({ type: 'Point', coordinates: [6.95, 51.2] });
		const insert = (values: Record<string, unknown>) =>
			db
				.insertInto('contribution')
				.values({
					consultation_id: c.id,
					body: 'Vorher geschrieben',
					geometry: point,
					geometry_type: 'Point',
					bbox: '(6.95,51.2),(6.95,51.2)',
					...values
				})
				.returning('id')
				.executeTakeFirstOrThrow();
		const online = await insert({ author_id: author });
		const ownOptedOut = await insert({ author_id: optedOut });
		const analog = await insert({ author_id: staff, channel: 'paper', entered_by: staff });
		const reply = await insert({
			author_id: supporter,
			parent_id: online.id,
			geometry: null,
			geometry_type: null,
			bbox: null
		});
		await db
			.insertInto('contribution_support')
			.values([
				{ contribution_id: online.id, user_id: supporter },
				{ contribution_id: online.id, user_id: author },
				{ contribution_id: ownOptedOut.id, user_id: optedOut }
			])
			.execute();

		const run = () => sql.raw(fs.readFileSync(MIGRATION, 'utf8')).execute(db);
		await run();
		await run(); // a second run changes nothing
		const follows = await db
			.selectFrom('follow')
			.select(['user_id', 'target_id', 'auto', 'token'])
			.where('target_type', '=', 'contribution')
			.where('target_id', 'in', [online.id, ownOptedOut.id, analog.id, reply.id])
			.execute();
		expect(follows.map((f) => [f.user_id, f.target_id]).sort()).toEqual(
			[
				[author, online.id],
				[supporter, online.id]
			].sort()
		);
		expect(follows.every((f) => f.auto && TOKEN_PATTERN.test(f.token))).toBe(true);
		expect(new Set(follows.map((f) => f.token)).size).toBe(follows.length);
	});
});
