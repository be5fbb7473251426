// Inputs of user administration. Error messages are i18n keys (admin.*).
import { z } from 'zod';
import { ROLES, SCOPE_TYPES } from '../auth/actor';
import { isScopeAllowed } from '../auth/grant-rules';

export const USER_PAGE_SIZE = 20;

/** /admin/benutzer?q=…&seite=… — bad values fall back to defaults (filters live in the URL). */
export const UserListQuery = z.object({
	q: z.string().trim().max(200).catch(''),
	seite: z.coerce.number().int().min(1).max(1_000_000).catch(1)
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const Id = z.guid();

export const GrantRoleInput = z
	.object({
		userId: Id,
		role: z.enum(ROLES, { error: 'admin.grant.errors.role' }),
		scopeType: z.enum(SCOPE_TYPES, { error: 'admin.grant.errors.scopeType' }),
		/** empty for global; one or more area ids; exactly one organisation or consultation id */
		scopeIds: z.array(Id).max(500)
	})
	.superRefine((v, ctx) => {
		if (!isScopeAllowed(v.role, v.scopeType)) {
			ctx.addIssue({ code: 'custom', path: ['scopeType'], message: 'admin.grant.errors.scopeNotAllowed' });
			return;
		}
		if (v.scopeType === 'global' && v.scopeIds.length > 0)
			ctx.addIssue({ code: 'custom', path: ['scopeIds'], message: 'admin.grant.errors.globalNoScope' });
		if (v.scopeType === 'area' && v.scopeIds.length === 0)
			ctx.addIssue({ code: 'custom', path: ['areaIds'], message: 'admin.grant.errors.areas' });
		if (v.scopeType === 'organisation' && v.scopeIds.length !== 1)
			ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'admin.grant.errors.organisation' });
		if (v.scopeType === 'consultation' && v.scopeIds.length !== 1)
			ctx.addIssue({ code: 'custom', path: ['scopeIds'], message: 'admin.grant.errors.consultation' });
	});
export type GrantRoleInput = z.infer<typeof GrantRoleInput>;

/** The grant form on /admin/benutzer/[id]: areas from a multi-select, an organisation from a select. */
export const GrantRoleForm = z.object({
	role: z.enum(ROLES, { error: 'admin.grant.errors.role' }),
	scopeType: z.enum(['global', 'area', 'organisation'], { error: 'admin.grant.errors.scopeType' }),
	areaIds: z.array(z.guid({ error: 'admin.grant.errors.areas' })).max(500),
	organisationId: z.union([z.literal(''), z.guid({ error: 'admin.grant.errors.organisation' })])
});
export type GrantRoleForm = z.infer<typeof GrantRoleForm>;

export function grantInputFromForm(userId: string, form: GrantRoleForm): GrantRoleInput {
	return {
		userId,
		role: form.role,
		scopeType: form.scopeType,
		scopeIds:
			form.scopeType === 'area'
				? form.areaIds
				: form.scopeType === 'organisation' && form.organisationId
					? [form.organisationId]
					: []
	};
}

export const CreateUserInput = z.object({
	email: z.email({ error: 'admin.createUser.errors.email' }).max(254),
	displayName: z.string().trim().min(1).max(120).optional(),
	role: z.enum(ROLES, { error: 'admin.grant.errors.role' }),
	password: z.string().min(10, { error: 'admin.createUser.errors.password' }).max(200).optional()
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;
