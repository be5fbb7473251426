import { LOCALES } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const { actor, locale } = locals.ctx;
	return {
		locale,
		locales: [...LOCALES],
		demoMode: getApp().demoMode,
		user: actor
			? {
					id: actor.id,
					displayName: actor.displayName,
					roles: [...new Set(actor.grants.map((g) => g.role))]
				}
			: null
	};
};
