// Moderation of map contributions through the core (participation/moderation), by contribution id.
import type { CommandContext } from '../core';
import { blockItemAuthor, moderateItem, reportItem } from '../participation/moderation';
import type { GateContext } from '../participation/gate';
import { CONTRIBUTION_ITEM } from './moderation-adapter';

export const moderateContribution = (ctx: CommandContext, id: string, input: unknown) =>
	moderateItem(ctx, CONTRIBUTION_ITEM, id, input);

export const blockAuthor = (ctx: CommandContext, id: string, input: unknown) =>
	blockItemAuthor(ctx, CONTRIBUTION_ITEM, id, input);

export const reportContribution = (ctx: GateContext, id: string, input: unknown) =>
	reportItem(ctx, CONTRIBUTION_ITEM, id, input);
