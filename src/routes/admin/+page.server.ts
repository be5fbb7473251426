import { authorize } from '$lib/server/auth/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	authorize(locals.ctx, 'admin.access', undefined, url.pathname);
	return {};
};
