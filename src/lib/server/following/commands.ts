// The follow button and the settings form: parsed input → a Result.
import { z } from 'zod';
import { ok, type CommandContext, type Result } from '../core';
import { followItem, saveNotificationSettings, unfollow } from './follow';
import { describeTargets } from './targets';

export const FollowInput = z.object({
	targetType: z.string().regex(/^[a-z_]{2,40}$/),
	targetId: z.uuid(),
	action: z.enum(['follow', 'unfollow']),
	returnTo: z.string().max(500).optional()
});

export const SettingsInput = z.object({
	delivery: z.enum(['immediate', 'weekly', 'off'], { error: 'following.errors.delivery' }),
	autoFollow: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

export type FollowCode = 'login_required' | 'not_found';

export async function followCommand(
	ctx: CommandContext,
	input: z.output<typeof FollowInput>
): Promise<Result<{ following: boolean }, FollowCode>> {
	if (!ctx.actor || ctx.actor.system) return { ok: false, code: 'login_required' };
	const target = { type: input.targetType, id: input.targetId };
	if (input.action === 'unfollow') {
		await unfollow(ctx.db, ctx.actor.id, target);
		return ok({ following: false });
	}
	// Only what the public may see can be followed (a hidden idea looks like a missing one).
	const [view] = await describeTargets(ctx.db, [target]);
	if (!view) return { ok: false, code: 'not_found' };
	await followItem(ctx.db, ctx.actor.id, target, { now: ctx.now });
	return ok({ following: true });
}

export async function saveSettingsCommand(
	ctx: CommandContext,
	input: z.output<typeof SettingsInput>
): Promise<Result<null, 'login_required'>> {
	if (!ctx.actor || ctx.actor.system) return { ok: false, code: 'login_required' };
	await saveNotificationSettings(
		ctx.db,
		ctx.actor.id,
		{ delivery: input.delivery, autoFollow: input.autoFollow },
		ctx.now
	);
	return ok(null);
}
