// The map-comments module ("Hinweise auf der Karte") in the participation registry.
import type { ParticipationManifest } from '../participation/component';
import { mapCommentRules } from './permissions';

export const mapCommentsManifest: ParticipationManifest = {
	key: 'map_comments',
	labelKey: 'consultations.form.module_map_comments',
	segment: 'karte',
	attachesTo: 'consultation',
	section: { titleKey: 'consultations.page.contributions', linkKey: 'consultations.page.contributionsLink' },
	permissions: mapCommentRules,
	hooks: () => import('./component').then((m) => m.mapCommentHooks)
};
