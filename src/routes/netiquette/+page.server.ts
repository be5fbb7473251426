import { loadPublicPage } from '$lib/server/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => loadPublicPage(locals.ctx, 'netiquette');
