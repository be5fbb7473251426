// What the participation core calls of the map-comments module: moderation, exports, personal data,
// outcomes, account deletion, statistics and the demo seed.
import type { ParticipationHooks } from '../participation/component';
import { contributionOutcomeAdapter, mapCommentOutcomes } from './outcomes';

export const mapCommentHooks: ParticipationHooks = {
	outcomes: mapCommentOutcomes,
	outcomeAdapters: [contributionOutcomeAdapter]
};
