// Manifest of the consultations feature. For now only its permissions; exports, stats, seeds and
// moderation hooks join here when the feature is built.
import type { FeatureManifest } from '../features';
import { consultationRules } from './permissions';

export const consultationsFeature: FeatureManifest = {
	key: 'consultations',
	permissions: consultationRules
};
