// What the participation core calls of the map-comments module: moderation, exports, personal data,
// outcomes, account deletion, statistics and the demo seed.
import type { ParticipationHooks } from '../participation/component';
import { contributionModeration } from './moderation-adapter';
import { deleteDemoContributions, insertDemoContributions } from './demo';
import { contributionPersonalData, removeContributionAuthor } from './personal-data';

export const mapCommentHooks: ParticipationHooks = {
	moderation: [contributionModeration],
	personalData: contributionPersonalData,
	removeAuthor: removeContributionAuthor,
	demo: {
		seed: async ({ trx, now }) => void (await insertDemoContributions(trx, now)),
		remove: deleteDemoContributions
	}
};
