import { error } from '@sveltejs/kit';
import { loadPublicPage } from '$lib/server/pages';
import { isPageSlug } from '$lib/page-slugs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	if (!isPageSlug(params.page)) error(404);
	return loadPublicPage(locals.ctx, params.page);
};
