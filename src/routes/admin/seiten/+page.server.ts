import { authorize } from '$lib/server/auth/permissions';
import { listSavedPageLocales, PAGE_SLUGS } from '$lib/server/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'admin.pages.edit', undefined, url.pathname);
	const saved = await listSavedPageLocales(locals.ctx.db);
	return { pages: PAGE_SLUGS.map((slug) => ({ slug, savedLocales: saved[slug] })) };
};
