import { can } from '../auth/permissions';
import { isScopeAllowed } from '../auth/grant-rules';
import { hashPassword } from '../auth/password';
import { generateToken } from '../auth/tokens';
import { writeAudit } from '../core';
import { CreateUserInput } from './schemas';
import { actorUserId, isSystemActor, type CommandContext, type Result } from '../core';

export type CreateUserCode = 'forbidden' | 'invalid' | 'email_taken';

export interface CreatedUser {
	userId: string;
	/** Set only when the password was generated: show it once, it is stored hashed. */
	generatedPassword: string | null;
	/** false for roles that need a scope (areas, organisation): grant them in the admin pages */
	granted: boolean;
}

/** 20 characters of base32 (100 bits): long enough, and easy to type from a terminal. */
export function generatePassword(): string {
	return generateToken().slice(0, 20);
}

/** Creates an account with a verified e-mail; roles that may be global get a global grant. */
export async function createUser(
	ctx: CommandContext,
	input: CreateUserInput
): Promise<Result<CreatedUser, CreateUserCode>> {
	if (!can(ctx.actor, 'admin.users.manage')) return { ok: false, code: 'forbidden' };
	const parsed = CreateUserInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid' };
	const email = parsed.data.email.trim().toLowerCase();
	const displayName = parsed.data.displayName ?? email.split('@')[0];
	const generatedPassword = parsed.data.password ? null : generatePassword();
	const passwordHash = await hashPassword(parsed.data.password ?? generatedPassword!);
	const grantGlobal = isScopeAllowed(parsed.data.role, 'global');

	return ctx.db.transaction().execute(async (trx) => {
		const taken = await trx
			.selectFrom('app_user')
			.select('id')
			.where((eb) => eb(eb.fn('lower', ['email']), '=', email))
			.executeTakeFirst();
		if (taken) return { ok: false, code: 'email_taken' } as const;
		const user = await trx
			.insertInto('app_user')
			.values({
				email,
				display_name: displayName,
				password_hash: passwordHash,
				email_verified_at: ctx.now,
				password_changed_at: ctx.now,
				created_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (grantGlobal)
			await trx
				.insertInto('role_grant')
				.values({
					user_id: user.id,
					role: parsed.data.role,
					scope_type: 'global',
					scope_id: null,
					granted_by: actorUserId(ctx.actor),
					created_at: ctx.now
				})
				.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'user.create',
			subjectType: 'user',
			subjectId: user.id,
			details: {
				role: parsed.data.role,
				globalGrant: grantGlobal,
				via: isSystemActor(ctx.actor) ? 'cli' : 'web'
			},
			at: ctx.now
		});
		return { ok: true, value: { userId: user.id, generatedPassword, granted: grantGlobal } } as const;
	});
}
