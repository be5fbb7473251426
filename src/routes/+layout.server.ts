import { LOCALES } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { administrationSections } from '$lib/server/auth/administration';
import { can } from '$lib/server/auth/permissions';
import { countUnreadNotifications } from '$lib/server/participation/outcomes';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { actor, locale } = locals.ctx;
	return {
		locale,
		locales: [...LOCALES],
		demoMode: getApp().demoMode,
		user: actor
			? {
					id: actor.id,
					displayName: actor.displayName,
					roles: [...new Set(actor.grants.map((g) => g.role))],
					administers: administrationSections(actor).length > 0,
					plans: can(actor, 'planning.view'),
					unreadNotifications: actor.system ? 0 : await countUnreadNotifications(locals.ctx.db, actor.id)
				}
			: null
	};
};
