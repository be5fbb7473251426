import { error, fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import { getUser, Id, revokeGrant } from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	authorize(locals.ctx, 'admin.users.manage', undefined, url.pathname);
	if (!Id.safeParse(params.id).success || !Id.safeParse(params.grantId).success)
		error(404, locals.ctx.t('core.error.notFound'));
	const user = await getUser(locals.ctx.db, params.id);
	const grant = user?.grants.find((g) => g.id === params.grantId);
	if (!user || !grant) error(404, locals.ctx.t('core.error.notFound'));
	return { user: { id: user.id, displayName: user.displayName }, grant };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		authorize(locals.ctx, 'admin.users.manage');
		const result = await revokeGrant(locals.ctx, { grantId: params.grantId, userId: params.id });
		if (!result.ok)
			return fail(result.code === 'forbidden' ? 403 : 409, {
				error: locals.ctx.t(`admin.revoke.errors.${result.code}`)
			});
		redirect(303, `/admin/benutzer/${params.id}?meldung=rolle-entzogen#rollen`);
	}
};
