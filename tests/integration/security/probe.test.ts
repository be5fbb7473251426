import { it } from 'vitest';
import { startDemoApp } from './demo-app';
it('probe', async () => {
	const t = Date.now();
	const d = await startDemoApp('probe', async (db) => {
		const cs = await db.selectFrom('consultation').select(['id', 'slug', 'modules', 'status', 'created_by']).execute();
		const qm = await db.selectFrom('role_grant').selectAll().execute();
		const ca = await db.selectFrom('consultation_area').selectAll().execute().catch(() => []);
		const contribs = await db.selectFrom('contribution').select(['id', 'consultation_id', 'author_id']).limit(5).execute();
		return { cs, qm, ca: ca.slice(0, 10), contribs };
	});
	console.log(JSON.stringify(d.fixtures, null, 1), Date.now() - t);
	d.stop();
}, 300_000);
