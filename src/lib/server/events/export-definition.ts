// Export of a consultation's events: one row per date with counts only — no personal data (names,
// e-mails and answers never leave through exports or open data).
import type { ExportColumn, ExportDefinition } from '../participation/component';

interface Row {
	id: string;
	event_id: string;
	title: string;
	event_type: string;
	starts_at: Date | string;
	ends_at: Date | string;
	status: string;
	address: string | null;
	capacity: number | null;
	registered_count: number;
	attendance_count: number | null;
}

const L = 'events.export.';
const col = (
	key: string,
	value: (r: Row) => string | number | boolean | null,
	count?: 'item'
): ExportColumn<Row> => ({
	key,
	labelKey: `${L}${key}`,
	descriptionKey: `${L}${key}_description`,
	...(count ? { count } : {}),
	value
});
const iso = (d: Date | string) => new Date(d).toISOString();

export const eventExport: ExportDefinition<Row> = {
	key: 'events',
	labelKey: 'events.export.label',
	openData: true,
	columns: [
		col('occurrence_id', (r) => r.id),
		col('event_id', (r) => r.event_id),
		col('title', (r) => r.title),
		col('event_type', (r) => r.event_type),
		col('starts_at', (r) => iso(r.starts_at)),
		col('ends_at', (r) => iso(r.ends_at)),
		col('status', (r) => r.status),
		col('address', (r) => r.address),
		col('capacity', (r) => r.capacity, 'item'),
		col('registered', (r) => Number(r.registered_count), 'item'),
		col('attended', (r) => r.attendance_count, 'item')
	],
	async rows(ctx, consultationId) {
		return ctx.db
			.selectFrom('event_occurrence as o')
			.innerJoin('event as e', 'e.id', 'o.event_id')
			.select([
				'o.id',
				'e.id as event_id',
				'e.title',
				'e.event_type',
				'o.starts_at',
				'o.ends_at',
				'o.status',
				'e.address',
				'e.capacity',
				'o.registered_count',
				'o.attendance_count'
			])
			.where('e.consultation_id', '=', consultationId)
			.where('e.status', '!=', 'draft')
			.orderBy('o.starts_at')
			.execute();
	}
};
