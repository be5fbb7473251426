// What the contribution commands need from a request (a RequestContext fits).
import type { CommandContext, Needs } from '../core';

export type ContributionContext = CommandContext & Needs<'secret' | 'clientAddress'>;
