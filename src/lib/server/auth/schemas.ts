// zod inputs of the account features. Messages are i18n keys (auth.errors.*), translated by parseForm.
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
const E = 'auth.errors.';

const email = z
	.string({ error: `${E}emailRequired` })
	.trim()
	.min(1, { error: `${E}emailRequired` })
	.max(254, { error: `${E}emailInvalid` })
	.pipe(z.email({ error: `${E}emailInvalid` }));

const newPassword = z
	.string({ error: `${E}passwordRequired` })
	.min(1, { error: `${E}passwordRequired` })
	.min(PASSWORD_MIN_LENGTH, { error: `${E}passwordTooShort` })
	.max(200, { error: `${E}passwordTooLong` });

const displayName = z
	.string({ error: `${E}displayNameRequired` })
	.trim()
	.min(1, { error: `${E}displayNameRequired` })
	.max(80, { error: `${E}displayNameTooLong` });

export const RegisterInput = z.object({ displayName, email, password: newPassword });
export type RegisterInput = z.infer<typeof RegisterInput>;

export const LoginInput = z.object({
	email,
	password: z
		.string({ error: `${E}passwordRequired` })
		.min(1, { error: `${E}passwordRequired` })
		.max(1000, { error: `${E}passwordRequired` })
});
export type LoginInput = z.infer<typeof LoginInput>;

/** Forgotten password and magic link: only an address. */
export const EmailInput = z.object({ email });
export type EmailInput = z.infer<typeof EmailInput>;

export const NewPasswordInput = z.object({ password: newPassword });
export type NewPasswordInput = z.infer<typeof NewPasswordInput>;

export const DisplayNameInput = z.object({ displayName });
export type DisplayNameInput = z.infer<typeof DisplayNameInput>;

/** currentPassword is required when the account has a password (checked by the command). */
export const ChangeEmailInput = z.object({ email, currentPassword: z.string().max(1000).optional() });
export type ChangeEmailInput = z.infer<typeof ChangeEmailInput>;

export const ChangePasswordInput = z.object({
	currentPassword: z.string().max(1000).optional(),
	newPassword
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const DeleteAccountInput = z.object({
	currentPassword: z.string().max(1000).optional(),
	/** What happens to the person's contributions in every module: kept without name, or deleted. */
	contributions: z.enum(['anonymise', 'delete']).default('anonymise'),
	confirm: z.literal('on', { error: `${E}confirmDeletion` })
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>;
