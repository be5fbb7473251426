// Export tables: a module's export definition, translated and with the small-number rule applied,
// in one shape the CSV, XLSX and GeoJSON writers share. Pure: no database, no i18n instance.
//
// Small-number rule (also in README.md, "Exports"): a column says what kind of count it is.
// - count 'item' (supports or replies of one contribution): a property of one piece of input, not a
//   statistic about the people living in an area — exported as it is.
// - count 'area' (people or input per area, any aggregate): values from 1 to k−1 (config.smallCountK,
//   SUPPRESS_MIN_COUNT, default 3) are replaced by the secret sign "." of official statistics (null in
//   GeoJSON); 0 stays (nothing to protect). A definition that also exports parent totals must run
//   suppressCells (src/lib/stats/suppression.ts) itself, so a hidden cell cannot be recovered by
//   subtraction; this generic pass knows no hierarchy.
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

export function buildTable<Row>(
	definition: Pick<ExportDefinition<Row>, 'key' | 'labelKey' | 'geometry'>,
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
	const cells = rows.map((row) =>
		columns.map((c) => {
			const cell = protectCount(c.value(row), c.count, smallCountK);
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
