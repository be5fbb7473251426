// Which administration areas an actor may open: the "Verwaltung" overview and the header link use it,
// each page still authorizes its own actions.
import type { Actor } from './actor';
import { registry as appRegistry, type Registry } from '../participation/registry';
import { can } from './permissions';

export interface AdministrationSection {
	href: string;
	/** i18n keys */
	title: string;
	text: string;
}

const SECTIONS: (AdministrationSection & { action: string })[] = [
	{
		href: '/admin/gebiete',
		title: 'admin.overview.areas',
		text: 'admin.overview.areasText',
		action: 'area.manage'
	},
	{
		href: '/admin/indikatoren',
		title: 'admin.overview.indicators',
		text: 'admin.overview.indicatorsText',
		action: 'indicator.manage'
	},
	{
		href: '/admin/benutzer',
		title: 'admin.overview.users',
		text: 'admin.overview.usersText',
		action: 'admin.users.manage'
	},
	{
		href: '/admin/seiten',
		title: 'admin.overview.pages',
		text: 'admin.overview.pagesText',
		action: 'admin.pages.edit'
	},
	{
		href: '/moderation',
		title: 'admin.overview.moderation',
		text: 'admin.overview.moderationText',
		action: 'moderation.platform'
	},
	{
		href: '/admin/postausgang',
		title: 'admin.overview.outbox',
		text: 'admin.overview.outboxText',
		action: 'admin.outbox.read'
	}
];

/** The core's sections, then those the registered modules add. */
export function administrationSections(
	actor: Actor | null,
	registry: Registry = appRegistry
): AdministrationSection[] {
	return [...SECTIONS, ...registry.components.flatMap((c) => c.adminSections ?? [])]
		.filter((s) => can(actor, s.action))
		.map(({ href, title, text }) => ({ href, title, text }));
}
