import { error, fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import { translateFieldErrors, zodFieldErrors } from '$lib/server/core';
import {
	blockUser,
	getUser,
	grantInputFromForm,
	grantRole,
	GrantRoleForm,
	GrantRoleInput,
	Id,
	listScopeOptions,
	unblockUser
} from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = {
	'rolle-zugewiesen': 'admin.grant.success',
	'rolle-entzogen': 'admin.revoke.success',
	gesperrt: 'admin.block.blocked',
	entsperrt: 'admin.block.unblocked'
} as const;

function userId(params: { id: string }): string {
	if (!Id.safeParse(params.id).success) error(404, 'not found');
	return params.id;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	authorize(locals.ctx, 'admin.users.manage', undefined, url.pathname);
	const user = await getUser(locals.ctx.db, userId(params));
	if (!user) error(404, locals.ctx.t('core.error.notFound'));
	const notice = url.searchParams.get('meldung');
	return {
		user,
		isSelf: locals.ctx.actor?.id === user.id,
		scopeOptions: await listScopeOptions(locals.ctx.db),
		notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
	};
};

export const actions: Actions = {
	grant: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'admin.users.manage');
		const id = userId(params);
		const { t } = locals.ctx;
		const form = await request.formData();
		const values = {
			role: String(form.get('role') ?? ''),
			scopeType: String(form.get('scopeType') ?? ''),
			areaIds: form.getAll('areaIds').map(String),
			organisationId: String(form.get('organisationId') ?? '')
		};
		const parsedForm = GrantRoleForm.safeParse(values);
		if (!parsedForm.success)
			return fail(400, {
				form: 'grant' as const,
				errors: translateFieldErrors(zodFieldErrors(parsedForm.error), t),
				values
			});
		const input = GrantRoleInput.safeParse(grantInputFromForm(id, parsedForm.data));
		if (!input.success)
			return fail(400, {
				form: 'grant' as const,
				errors: translateFieldErrors(zodFieldErrors(input.error), t),
				values
			});
		const result = await grantRole(locals.ctx, input.data);
		if (!result.ok)
			return fail(result.code === 'forbidden' ? 403 : 409, {
				form: 'grant' as const,
				errors: { form: t(`admin.grant.errors.${result.code}`) },
				values
			});
		redirect(303, `/admin/benutzer/${id}?meldung=rolle-zugewiesen#rollen`);
	},
	block: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'admin.users.manage');
		const id = userId(params);
		const { t } = locals.ctx;
		const form = await request.formData();
		if (form.get('confirm') !== 'on')
			return fail(400, { form: 'block' as const, errors: { confirm: t('admin.block.errors.confirm') } });
		const result = await blockUser(locals.ctx, { userId: id });
		if (!result.ok)
			return fail(409, { form: 'block' as const, errors: { form: t(`admin.block.errors.${result.code}`) } });
		redirect(303, `/admin/benutzer/${id}?meldung=gesperrt`);
	},
	unblock: async ({ locals, params }) => {
		authorize(locals.ctx, 'admin.users.manage');
		const id = userId(params);
		const result = await unblockUser(locals.ctx, { userId: id });
		if (!result.ok)
			return fail(409, {
				form: 'unblock' as const,
				errors: { form: locals.ctx.t(`admin.block.errors.${result.code}`) }
			});
		redirect(303, `/admin/benutzer/${id}?meldung=entsperrt`);
	}
};
