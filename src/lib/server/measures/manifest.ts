// Measures (Maßnahmen) in the participation registry. They attach to areas, not to a consultation's
// page (a measure may answer input of several consultations, or none): the consultation form does
// not offer them as a module; the registry still loops over their hooks (open data, personal data,
// the area roll-up, the demo seed).
import type { ParticipationManifest } from '../participation/component';
import { measureRules } from './permissions';

export const measuresManifest: ParticipationManifest = {
	key: 'measures',
	labelKey: 'measures.title',
	segment: 'massnahmen',
	attachesTo: 'area',
	section: { titleKey: 'measures.title', linkKey: 'measures.listLink' },
	permissions: measureRules,
	adminSections: [
		{
			href: '/massnahmen',
			title: 'measures.admin.title',
			text: 'measures.admin.text',
			action: 'measure.plan'
		}
	],
	hooks: () => import('./component').then((m) => m.measureHooks)
};
