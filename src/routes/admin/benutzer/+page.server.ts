import { authorize } from '$lib/server/auth/permissions';
import { listUsers, UserListQuery } from '$lib/server/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'admin.users.manage', undefined, url.pathname + url.search);
	const query = UserListQuery.parse({
		q: url.searchParams.get('q') ?? undefined,
		seite: url.searchParams.get('seite') ?? undefined
	});
	const list = await listUsers(locals.ctx.db, { q: query.q, page: query.seite });
	return { q: query.q, list };
};
