// What the participation core calls of the idea boards: moderation, exports, open data, personal data,
// outcomes, account deletion, statistics and the demo seed.
import type { ExportDefinition, ParticipationHooks } from '../participation/component';
import { deleteDemoIdeas, insertDemoIdeas } from './demo';
import { ideaExport } from './export-definition';
import { ideaAreaActivity, ideaSummaries } from './following-hooks';
import { ideaCommentModeration, ideaModeration } from './moderation-adapter';
import { ideaOpenData } from './open-data';
import { ideaOutcomeAdapter, ideaOutcomes } from './outcomes';
import { ideaPersonalData, removeIdeaAuthor } from './personal-data';
import { ideaStats } from './stats';
import { ideaTextInputs } from './text-inputs';
import { ideaPlannerInput } from './planner-input';

export const ideaHooks: ParticipationHooks = {
	moderation: [ideaModeration, ideaCommentModeration],
	itemSummaries: [ideaSummaries],
	areaActivity: ideaAreaActivity,
	exports: [ideaExport as ExportDefinition],
	openData: ideaOpenData,
	outcomes: ideaOutcomes,
	outcomeAdapters: [ideaOutcomeAdapter],
	personalData: ideaPersonalData,
	removeAuthor: removeIdeaAuthor,
	statsPerArea: ideaStats,
	textInputs: ideaTextInputs,
	plannerInput: ideaPlannerInput,
	demo: {
		seed: async ({ trx, now }) => void (await insertDemoIdeas(trx, now)),
		remove: deleteDemoIdeas
	}
};
