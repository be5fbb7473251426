// The events module ("Termine und Werkstätten") in the participation registry.
import type { ParticipationManifest } from '../participation/component';
import { eventRules } from './permissions';

export const eventsManifest: ParticipationManifest = {
	key: 'events',
	labelKey: 'events.module.label',
	segment: 'termine',
	attachesTo: 'consultation',
	section: { titleKey: 'events.module.sectionTitle', linkKey: 'events.module.sectionLink' },
	permissions: eventRules,
	hooks: () => import('./component').then((m) => m.eventHooks)
};
