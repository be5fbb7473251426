// What the participation core calls of the map-comments module: moderation, exports, personal data,
// outcomes, account deletion, statistics and the demo seed.
import type { ExportDefinition, ParticipationHooks } from '../participation/component';
import { contributionAreaActivity, contributionSummaries } from './area-activity';
import { deleteDemoContributions, insertDemoContributions } from './demo';
import { mapCommentExport } from './export-definition';
import { contributionModeration } from './moderation-adapter';
import { mapCommentOpenData } from './open-data';
import { contributionOutcomeAdapter, mapCommentOutcomes } from './outcomes';
import { contributionPersonalData, removeContributionAuthor } from './personal-data';
import { contributionStats } from './stats';
import { contributionTextInputs } from './text-inputs';
import { contributionPlannerInput } from './planner-input';

export const mapCommentHooks: ParticipationHooks = {
	moderation: [contributionModeration],
	itemSummaries: [contributionSummaries],
	areaActivity: contributionAreaActivity,
	exports: [mapCommentExport as ExportDefinition],
	openData: mapCommentOpenData,
	outcomes: mapCommentOutcomes,
	outcomeAdapters: [contributionOutcomeAdapter],
	personalData: contributionPersonalData,
	removeAuthor: removeContributionAuthor,
	statsPerArea: contributionStats,
	textInputs: contributionTextInputs,
	plannerInput: contributionPlannerInput,
	demo: {
		seed: async ({ trx, now }) => void (await insertDemoContributions(trx, now)),
		remove: deleteDemoContributions
	}
};
