// What the participation core calls of the map-comments module: moderation, exports, personal data,
// outcomes, account deletion, statistics and the demo seed.
import type { ExportDefinition, ParticipationHooks } from '../participation/component';
import { mapCommentExport } from './export-definition';
import { mapCommentOpenData } from './open-data';

export const mapCommentHooks: ParticipationHooks = {
	exports: [mapCommentExport as ExportDefinition],
	openData: mapCommentOpenData
};
