// What the core calls of the measures module: public summaries of measures (for following and
// notifications), the area roll-up, open data, personal data (also of following and notifications,
// which issue 10 brought with measures) and the demo seed.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type {
	AreaActivityEntry,
	AreaActivityOptions,
	ItemSummary,
	ParticipationHooks,
	PersonalDataSection
} from '../participation/component';
import { MEASURE_ITEM_TYPE, measurePath } from '../../measures/types';
import { deleteDemoMeasures, insertDemoMeasures } from './demo';
import { measureOpenData } from './open-data';
import { measurePlannerInput } from './planner-input';
import { measureTextInputs } from './text-inputs';

async function summaries(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, ItemSummary>> {
	const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
	if (valid.length === 0) return new Map();
	const rows = await db
		.selectFrom('measure')
		.select(['id', 'title', 'consultation_id'])
		.where('id', 'in', valid)
		.where('status', '=', 'published')
		.execute();
	const areas = rows.length
		? await db
				.selectFrom('measure_area')
				.select(['measure_id', 'area_id'])
				.where(
					'measure_id',
					'in',
					rows.map((r) => r.id)
				)
				.execute()
		: [];
	return new Map(
		rows.map((r) => [
			r.id,
			{
				itemType: MEASURE_ITEM_TYPE,
				id: r.id,
				title: r.title,
				path: measurePath(r.id),
				consultationId: r.consultation_id,
				areaIds: areas.filter((a) => a.measure_id === r.id).map((a) => a.area_id)
			}
		])
	);
}

async function areaActivity(
	db: Kysely<DB>,
	areaIds: readonly string[],
	options: AreaActivityOptions
): Promise<AreaActivityEntry[]> {
	if (areaIds.length === 0) return [];
	const consultationIds = options.consultationIds;
	if (consultationIds && consultationIds.length === 0) return [];
	const rows = await db
		.selectFrom('measure as m')
		.select(['m.id', 'm.title', 'm.progress', 'm.updated_at', 'm.responsible'])
		.where('m.status', '=', 'published')
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('measure_area as ma')
					.select('ma.measure_id')
					.whereRef('ma.measure_id', '=', 'm.id')
					.where('ma.area_id', 'in', [...areaIds])
			)
		)
		.$if(!!options.since, (q) => q.where('m.updated_at', '>=', options.since!))
		.$if(!!consultationIds, (q) => q.where('m.consultation_id', 'in', [...consultationIds!]))
		.orderBy('m.updated_at', 'desc')
		.limit(options.limit)
		.execute();
	return rows.map((r) => ({
		itemType: MEASURE_ITEM_TYPE,
		itemId: r.id,
		kindKey: 'measures.kind',
		title: r.title,
		path: measurePath(r.id),
		at: new Date(r.updated_at),
		progress: r.progress,
		detail: r.responsible
	}));
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const personalData: PersonalDataSection[] = [
	{
		key: 'measures',
		tables: ['measure.created_by', 'measure_progress.created_by', 'measure_link.created_by'],
		async collect(db, userId) {
			const [created, progress, links] = await Promise.all([
				db
					.selectFrom('measure')
					.select(['id', 'title', 'created_at'])
					.where('created_by', '=', userId)
					.execute(),
				db
					.selectFrom('measure_progress')
					.select(['measure_id', 'progress', 'milestone_on', 'note', 'created_at'])
					.where('created_by', '=', userId)
					.execute(),
				db
					.selectFrom('measure_link')
					.select(['measure_id', 'item_type', 'item_id', 'created_at'])
					.where('created_by', '=', userId)
					.execute()
			]);
			return {
				created: created.map((m) => ({ id: m.id, title: m.title, createdAt: iso(m.created_at) })),
				progress: progress.map((p) => ({
					measureId: p.measure_id,
					progress: p.progress,
					milestoneOn: String(p.milestone_on).slice(0, 10),
					note: p.note,
					createdAt: iso(p.created_at)
				})),
				links: links.map((l) => ({
					measureId: l.measure_id,
					itemType: l.item_type,
					itemId: l.item_id,
					createdAt: iso(l.created_at)
				}))
			};
		}
	},
	{
		key: 'following',
		tables: [
			'follow.user_id',
			'notification_setting.user_id',
			'notification_delivery.user_id',
			'notification_event.actor_id'
		],
		async collect(db, userId) {
			const [follows, setting, deliveries] = await Promise.all([
				db
					.selectFrom('follow')
					.select(['target_type', 'target_id', 'auto', 'created_at'])
					.where('user_id', '=', userId)
					.orderBy('created_at')
					.execute(),
				db
					.selectFrom('notification_setting')
					.select(['delivery', 'auto_follow', 'last_mail_at', 'last_digest_at'])
					.where('user_id', '=', userId)
					.executeTakeFirst(),
				db
					.selectFrom('notification_delivery as d')
					.innerJoin('notification_event as e', 'e.id', 'd.event_id')
					.select(['e.message_key', 'e.params', 'e.path', 'e.created_at', 'd.mailed_at', 'd.dropped_at'])
					.where('d.user_id', '=', userId)
					.orderBy('e.created_at')
					.execute()
			]);
			return {
				follows: follows.map((f) => ({
					targetType: f.target_type,
					targetId: f.target_id,
					automatic: f.auto,
					createdAt: iso(f.created_at)
				})),
				settings: setting
					? {
							delivery: setting.delivery,
							autoFollow: setting.auto_follow,
							lastMailAt: iso(setting.last_mail_at),
							lastDigestAt: iso(setting.last_digest_at)
						}
					: null,
				deliveries: deliveries.map((d) => ({
					messageKey: d.message_key,
					params: d.params,
					path: d.path,
					createdAt: iso(d.created_at),
					mailedAt: iso(d.mailed_at),
					droppedAt: iso(d.dropped_at)
				}))
			};
		}
	}
];

export const measureHooks: ParticipationHooks = {
	itemSummaries: [{ itemType: MEASURE_ITEM_TYPE, kindKey: 'measures.kind', summaries }],
	areaActivity,
	plannerInput: measurePlannerInput,
	openData: measureOpenData,
	personalData,
	textInputs: measureTextInputs,
	demo: {
		seed: async ({ trx, now }) => void (await insertDemoMeasures(trx, now)),
		remove: deleteDemoMeasures
	}
};
