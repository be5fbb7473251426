// The surveys module ("Befragung") in the participation registry.
import type { ParticipationManifest } from '../participation/component';
import { surveyRules } from './permissions';

export const surveysManifest: ParticipationManifest = {
	key: 'surveys',
	labelKey: 'surveys.module.label',
	segment: 'befragung',
	attachesTo: 'consultation',
	section: { titleKey: 'surveys.module.sectionTitle', linkKey: 'surveys.module.sectionLink' },
	permissions: surveyRules,
	hooks: () => import('./component').then((m) => m.surveyHooks)
};
