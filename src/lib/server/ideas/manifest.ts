// The idea-board module ("Ideen") in the participation registry.
import type { ParticipationManifest } from '../participation/component';
import { ideaRules } from './permissions';

export const ideasManifest: ParticipationManifest = {
	key: 'ideas',
	labelKey: 'ideas.module.label',
	segment: 'ideen',
	attachesTo: 'consultation',
	section: { titleKey: 'ideas.module.title', linkKey: 'ideas.module.link' },
	permissions: ideaRules,
	hooks: () => import('./component').then((m) => m.ideaHooks)
};
