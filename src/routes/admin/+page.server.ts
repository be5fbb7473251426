import { error, redirect } from '@sveltejs/kit';
import { administrationSections } from '$lib/server/auth/administration';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const { actor, t } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	const sections = administrationSections(actor);
	if (sections.length === 0) error(403, t('core.error.forbidden'));
	return { sections };
};
