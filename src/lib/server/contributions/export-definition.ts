// The map-comments export: one row per contribution (replies are counted, not listed), with its
// areas at every level (a key and a name column per level). No author, no names, no e-mails: the
// query selects no personal column. Staff exports hold every non-deleted contribution with its
// moderation status; the open-data audience gets published ones only.
import { sql } from 'kysely';
import type { CommandContext } from '../core';
import { areaLabels, listAreaLevels } from '../areas';
import type { ExportAudience, ExportColumn, ExportDefinition } from '../participation/component';
import { berlinDate } from '../participation/exports/format';

export interface MapCommentExportRow {
	id: string;
	createdAt: Date;
	collectedOn: string | null;
	channel: string;
	category: string | null;
	status: string;
	body: string;
	geometryType: string | null;
	geometry: GeoJSON.Geometry | null;
	supports: number;
	replies: number;
	/** area_level.key → the areas of that level the contribution was assigned to (by key) */
	areas: Record<string, { key: string; name: string }[]>;
}

const L = 'exports.mapComments';

/** Column key part of an area level: its key in snake_case ("Stadt-Teil" → "stadt_teil"). */
export function levelColumnKey(levelKey: string): string {
	return (
		levelKey
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/ß/g, 'ss')
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '') || 'ebene'
	);
}

/** Several areas of one level (a line through two Quartiere) are joined with "; ", sorted by key. */
export const AREA_SEPARATOR = '; ';

function joined(values: string[]): string | null {
	return values.length ? values.join(AREA_SEPARATOR) : null;
}

const fixedColumns: ExportColumn<MapCommentExportRow>[] = [
	{ key: 'id', labelKey: `${L}.id`, descriptionKey: `${L}.idDescription`, value: (r) => r.id },
	{
		key: 'created_on',
		labelKey: `${L}.createdOn`,
		descriptionKey: `${L}.createdOnDescription`,
		value: (r) => berlinDate(r.createdAt)
	},
	{
		key: 'collected_on',
		labelKey: `${L}.collectedOn`,
		descriptionKey: `${L}.collectedOnDescription`,
		value: (r) => r.collectedOn
	},
	{
		key: 'channel',
		labelKey: `${L}.channel`,
		descriptionKey: `${L}.channelDescription`,
		value: (r) => r.channel
	},
	{
		key: 'category',
		labelKey: `${L}.category`,
		descriptionKey: `${L}.categoryDescription`,
		value: (r) => r.category
	},
	{
		key: 'status',
		labelKey: `${L}.status`,
		descriptionKey: `${L}.statusDescription`,
		value: (r) => r.status
	},
	{ key: 'body', labelKey: `${L}.body`, descriptionKey: `${L}.bodyDescription`, value: (r) => r.body },
	{
		key: 'geometry_type',
		labelKey: `${L}.geometryType`,
		descriptionKey: `${L}.geometryTypeDescription`,
		value: (r) => r.geometryType
	}
];

const countColumns: ExportColumn<MapCommentExportRow>[] = [
	// Per-item counts: a property of one contribution, not a statistic about people in an area.
	{
		key: 'supports',
		labelKey: `${L}.supports`,
		descriptionKey: `${L}.supportsDescription`,
		count: 'item',
		value: (r) => r.supports
	},
	{
		key: 'replies',
		labelKey: `${L}.replies`,
		descriptionKey: `${L}.repliesDescription`,
		count: 'item',
		value: (r) => r.replies
	},
	// Official responses (Rückmeldungen) and outcome statuses are being added on another branch; the
	// columns are here so reports keep their layout, empty until the outcomes tables exist.
	{
		key: 'response',
		labelKey: `${L}.response`,
		descriptionKey: `${L}.responseDescription`,
		value: () => null
	},
	{
		key: 'outcome_status',
		labelKey: `${L}.outcomeStatus`,
		descriptionKey: `${L}.outcomeStatusDescription`,
		value: () => null
	}
];

/** The columns: fixed ones, a key/name pair per area level (top level first), then the counts. */
export async function mapCommentColumns(ctx: CommandContext): Promise<ExportColumn<MapCommentExportRow>[]> {
	const levels = await listAreaLevels(ctx.db);
	const areaColumns = levels.flatMap((level): ExportColumn<MapCommentExportRow>[] => {
		const part = levelColumnKey(level.key);
		const labelParams = { level: level.name };
		return [
			{
				key: `area_${part}_key`,
				labelKey: `${L}.areaKey`,
				descriptionKey: `${L}.areaKeyDescription`,
				labelParams,
				value: (r) => joined((r.areas[level.key] ?? []).map((a) => a.key))
			},
			{
				key: `area_${part}_name`,
				labelKey: `${L}.areaName`,
				descriptionKey: `${L}.areaNameDescription`,
				labelParams,
				value: (r) => joined((r.areas[level.key] ?? []).map((a) => a.name))
			}
		];
	});
	return [...fixedColumns, ...areaColumns, ...countColumns];
}

export async function mapCommentRows(
	ctx: CommandContext,
	consultationId: string,
	audience: ExportAudience = 'staff'
): Promise<MapCommentExportRow[]> {
	const visible = audience === 'public' ? ['published'] : ['pending', 'published', 'hidden'];
	const rows = await ctx.db
		.selectFrom('contribution as c')
		.leftJoin('consultation_category as k', 'k.id', 'c.category_id')
		.where('c.consultation_id', '=', consultationId)
		.where('c.kind', '=', 'map_comment')
		.where('c.status', 'in', visible)
		// Explicit columns: never author_id, entered_by, anonymous_token_hash, hidden_reason.
		.select([
			'c.id',
			'c.created_at',
			'c.collected_on',
			'c.channel',
			'k.name as category',
			'c.status',
			'c.body',
			'c.geometry_type',
			'c.geometry',
			'c.support_count'
		])
		// Replies the same audience may see (the stored reply_count also counts pending ones).
		.select((eb) =>
			eb
				.selectFrom('contribution as r')
				.select(sql<number>`count(*)::int`.as('n'))
				.whereRef('r.parent_id', '=', 'c.id')
				.where('r.status', 'in', visible)
				.as('replies')
		)
		.orderBy('c.created_at')
		.orderBy('c.id')
		.execute();
	// Joined on the consultation, not an id list (parameter limits with many contributions).
	const links = await ctx.db
		.selectFrom('contribution_area as ca')
		.innerJoin('contribution as c', 'c.id', 'ca.contribution_id')
		.select(['ca.contribution_id', 'ca.area_id'])
		.where('c.consultation_id', '=', consultationId)
		.where('c.kind', '=', 'map_comment')
		.execute();
	const labels = new Map(
		(
			await areaLabels(
				ctx.db,
				links.map((l) => l.area_id)
			)
		).map((a) => [a.id, a])
	);
	const areas = new Map<string, Record<string, { key: string; name: string }[]>>();
	for (const l of links.toSorted((a, b) =>
		labels.get(a.area_id)!.key.localeCompare(labels.get(b.area_id)!.key)
	)) {
		const a = labels.get(l.area_id)!;
		const byLevel = areas.get(l.contribution_id) ?? {};
		(byLevel[a.levelKey] ??= []).push({ key: a.key, name: a.name });
		areas.set(l.contribution_id, byLevel);
	}
	return rows.map((r) => ({
		id: r.id,
		createdAt: new Date(r.created_at),
		collectedOn: r.collected_on,
		channel: r.channel,
		category: r.category,
		status: r.status,
		body: r.body,
		geometryType: r.geometry_type,
		geometry: (r.geometry as GeoJSON.Geometry | null) ?? null,
		supports: r.support_count,
		replies: Number(r.replies ?? 0),
		areas: areas.get(r.id) ?? {}
	}));
}

export const mapCommentExport: ExportDefinition<MapCommentExportRow> = {
	key: 'map_comments',
	labelKey: `${L}.title`,
	columns: mapCommentColumns,
	rows: mapCommentRows,
	geometry: (row) => row.geometry,
	openData: true
};
