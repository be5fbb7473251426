// User and role administration: the only import path other code uses.
export { blockUser, unblockUser, type BlockUserCode, type UnblockUserCode } from './block-user';
export { createUser, generatePassword, type CreatedUser, type CreateUserCode } from './create-user';
export { grantRole, type GrantRoleCode } from './grant-role';
export {
	countActiveAdmins,
	getUser,
	listScopeOptions,
	listUserGrants,
	listUsers,
	type ScopeOptions,
	type UserDetail,
	type UserGrant,
	type UserList,
	type UserListItem
} from './queries';
export { revokeGrant, type RevokeGrantCode } from './revoke-grant';
export {
	CreateUserInput,
	GrantRoleForm,
	GrantRoleInput,
	grantInputFromForm,
	Id,
	USER_PAGE_SIZE,
	UserListQuery
} from './schemas';
