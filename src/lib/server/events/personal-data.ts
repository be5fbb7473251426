// What the events module stores about a person: their registrations and date-poll answers (download),
// and account deletion: registrations and poll answers are anonymised (name, e-mail, answers removed;
// the place stays counted) or deleted; events they created keep existing without the link to them.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { PersonalDataSection } from '../participation/component';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const eventPersonalData: PersonalDataSection[] = [
	{
		key: 'event_registrations',
		tables: [
			'event_registration.user_id',
			'event_registration.entered_by',
			'event.created_by',
			'event_document.created_by'
		],
		async collect(db: Kysely<DB>, userId: string) {
			const rows = await db
				.selectFrom('event_registration as r')
				.innerJoin('event_occurrence as o', 'o.id', 'r.occurrence_id')
				.innerJoin('event as e', 'e.id', 'o.event_id')
				.select([
					'r.id',
					'e.title',
					'o.starts_at',
					'r.name',
					'r.email',
					'r.status',
					'r.answers',
					'r.notify_results',
					'r.attended',
					'r.created_at'
				])
				.where('r.user_id', '=', userId)
				.orderBy('r.created_at')
				.execute();
			const created = await db
				.selectFrom('event')
				.select(['id', 'title', 'created_at'])
				.where('created_by', '=', userId)
				.execute();
			return {
				registrations: rows.map((r) => ({
					id: r.id,
					event: r.title,
					startsAt: iso(r.starts_at),
					name: r.name,
					email: r.email,
					status: r.status,
					answers: r.answers,
					notifyResults: r.notify_results,
					attended: r.attended,
					createdAt: iso(r.created_at)
				})),
				eventsCreated: created.map((e) => ({ id: e.id, title: e.title, createdAt: iso(e.created_at) }))
			};
		}
	},
	{
		key: 'date_poll_answers',
		tables: ['date_poll_response.user_id', 'date_poll.created_by'],
		async collect(db: Kysely<DB>, userId: string) {
			const rows = await db
				.selectFrom('date_poll_response as r')
				.innerJoin('date_poll as p', 'p.id', 'r.poll_id')
				.innerJoin('event as e', 'e.id', 'p.event_id')
				.select(['r.id', 'r.poll_id', 'e.title', 'r.name', 'r.email', 'r.created_at'])
				.where('r.user_id', '=', userId)
				.execute();
			const answers = rows.length
				? await db
						.selectFrom('date_poll_answer as a')
						.innerJoin('date_poll_slot as s', 's.id', 'a.slot_id')
						.select(['a.response_id', 's.starts_at', 'a.answer'])
						.where(
							'a.response_id',
							'in',
							rows.map((r) => r.id)
						)
						.execute()
				: [];
			return rows.map((r) => ({
				event: r.title,
				name: r.name,
				email: r.email,
				createdAt: iso(r.created_at),
				answers: answers
					.filter((a) => a.response_id === r.id)
					.map((a) => ({ slot: iso(a.starts_at), answer: a.answer }))
			}));
		}
	}
];

export async function removeEventAuthor(
	trx: Transaction<DB>,
	userId: string,
	mode: 'anonymise' | 'delete'
): Promise<{ files: string[] }> {
	const now = new Date();
	// A registration keeps its place (capacity) but loses everything personal; delete mode too — the
	// organiser's count must not change behind their back.
	await trx
		.updateTable('event_registration')
		.set({
			user_id: null,
			name: null,
			email: null,
			answers: '{}',
			cancel_token_hash: null,
			anonymised_at: now
		})
		.where('user_id', '=', userId)
		.execute();
	if (mode === 'delete') await trx.deleteFrom('date_poll_response').where('user_id', '=', userId).execute();
	else
		await trx
			.updateTable('date_poll_response')
			.set({ user_id: null, name: '–', email: null })
			.where('user_id', '=', userId)
			.execute();
	return { files: [] };
}
