// Who may see an event: everyone once it is published (drafts only its managers), and an event of a
// consultation no more than the consultation itself. The event page, its .ics file and its documents
// all ask this one question, so a document can never be fetched where the page would answer 404.
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { getConsultationBySlug } from '../consultations/queries';
import type { DB } from '../db/types';
import { eventSubject, getEvent, type EventDetail } from './queries';

export async function visibleEvent(
	db: Kysely<DB>,
	actor: Actor | null,
	id: string
): Promise<{ ev: EventDetail; canManage: boolean } | null> {
	const ev = await getEvent(db, id);
	if (!ev) return null;
	const subject = await eventSubject(db, ev.id);
	const canManage = !!subject && can(actor, 'events.manage', subject);
	if (ev.status === 'draft' && !canManage) return null;
	if (ev.consultationSlug && !(await getConsultationBySlug(db, ev.consultationSlug, actor))) return null;
	return { ev, canManage };
}
