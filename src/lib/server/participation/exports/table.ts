// Export tables: a module's export definition, translated and with the small-number rule applied,
// in one shape the CSV, XLSX and GeoJSON writers share. Pure: no database, no i18n instance.
//
// Small-number rule (also in README.md, "Exports"): a column says what kind of count it is.
// - count 'item' (supports or replies of one contribution): a property of one piece of input, not a
//   statistic about the people living in an area — exported as it is.
// - count 'area' (people or input per area, any aggregate): values from 1 to k−1 (config.smallCountK,
//   SUPPRESS_MIN_COUNT, default 3) are replaced by the secret sign "." of official statistics (null in
//   GeoJSON); 0 stays (nothing to protect).
// - A definition whose rows are areas (with parent rows or a total row) says so with `area(row)`: then
//   the monitoring's joint disclosure decision (src/lib/stats/disclosure.ts) runs over the table's
//   rows — a row hidden for one count is hidden for all of its counts (0 included), a second sibling
//   is hidden as cover, an only child with its parent, a hidden parent with a child — so no
//   subtraction across rows, totals or columns gives a hidden count back.
import { decideDisclosure, type DisclosureArea } from '../../../stats/disclosure';
import type { ExportColumn, ExportDefinition } from '../component';

/** A suppressed cell: "." in CSV/XLSX, null in GeoJSON. */
export const SUPPRESSED = Object.freeze({ suppressed: true as const });
export type Suppressed = typeof SUPPRESSED;
export type CellValue = string | number | boolean | null;
export type ExportCell = CellValue | Suppressed;

/** The secret sign of official statistics ("Zahlenwert unbekannt oder geheimzuhalten"). */
export const SECRET_SIGN = '.';

export interface TableColumn {
	key: string;
	label: string;
	description: string;
	count?: 'item' | 'area';
}

export interface ExportTable {
	key: string;
	label: string;
	columns: TableColumn[];
	rows: ExportCell[][];
	/** One geometry per row, or null when the definition has no geometry (not part of GeoJSON). */
	geometries: (GeoJSON.Geometry | null)[] | null;
	suppressedCells: number;
}

export type Translate = (key: string, params?: Record<string, string>) => string;

export function isSuppressed(cell: ExportCell): cell is Suppressed {
	return cell === SUPPRESSED;
}

/** The small-number rule for one cell (see the comment at the top). */
export function protectCount(value: CellValue, count: ExportColumn<unknown>['count'], k: number): ExportCell {
	if (count !== 'area' || typeof value !== 'number') return value;
	return value > 0 && value < k ? SUPPRESSED : value;
}

/**
 * Row indices whose 'area' counts are hidden by the joint decision (definitions with `area`); rows
 * without an area are left to the cell-by-cell rule.
 */
export function hiddenAreaRows<Row>(
	rows: readonly Row[],
	areaOf: (row: Row) => { id: string; parentId: string | null } | null,
	counts: (row: Row) => (number | null)[],
	k: number
): Set<number> {
	const areas: DisclosureArea[] = [];
	const countsById = new Map<string, (number | null)[]>();
	const indexById = new Map<string, number[]>();
	rows.forEach((row, index) => {
		const area = areaOf(row);
		if (!area) return;
		const values = counts(row);
		if (!countsById.has(area.id)) {
			const size = values.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
			areas.push({ id: area.id, parentId: area.parentId, population: null, size });
			countsById.set(area.id, []);
			indexById.set(area.id, []);
		}
		countsById.get(area.id)!.push(...values);
		indexById.get(area.id)!.push(index);
	});
	const { hidden } = decideDisclosure(areas, countsById, { minPopulation: 0, minCount: k });
	const out = new Set<number>();
	for (const id of hidden.keys()) for (const index of indexById.get(id) ?? []) out.add(index);
	return out;
}

export function buildTable<Row>(
	definition: Pick<ExportDefinition<Row>, 'key' | 'labelKey' | 'geometry' | 'area'>,
	columns: readonly ExportColumn<Row>[],
	rows: readonly Row[],
	t: Translate,
	smallCountK: number
): ExportTable {
	const keys = new Set<string>();
	for (const c of columns) {
		if (keys.has(c.key)) throw new Error(`Export ${definition.key}: column ${c.key} is defined twice`);
		keys.add(c.key);
	}
	let suppressedCells = 0;
	const areaColumns = columns.filter((c) => c.count === 'area');
	const areaOf = definition.area;
	const hiddenRows =
		areaOf && areaColumns.length > 0
			? hiddenAreaRows(
					rows,
					(row) => areaOf.call(definition, row),
					(row) =>
						areaColumns.map((c) => {
							const v = c.value(row);
							return typeof v === 'number' ? v : null;
						}),
					smallCountK
				)
			: new Set<number>();
	const cells = rows.map((row, index) =>
		columns.map((c) => {
			const cell =
				c.count === 'area' && hiddenRows.has(index)
					? SUPPRESSED
					: protectCount(c.value(row), c.count, smallCountK);
			if (isSuppressed(cell)) suppressedCells++;
			return cell;
		})
	);
	const geometry = definition.geometry;
	return {
		key: definition.key,
		label: t(definition.labelKey),
		columns: columns.map((c) => ({
			key: c.key,
			label: t(c.labelKey, c.labelParams),
			description: t(c.descriptionKey, c.labelParams),
			...(c.count ? { count: c.count } : {})
		})),
		rows: cells,
		geometries: geometry ? rows.map((row) => geometry.call(definition, row) ?? null) : null,
		suppressedCells
	};
}
