// The check-in list of one date as CSV for the organiser (names are personal data: staff only).
// Written by the exports' CSV writer: BOM, quoting and the formula guard are the same as elsewhere.
import { toCsv } from '../participation/exports/csv';
import type { ExportTable } from '../participation/exports/table';
import type { CheckInRow } from './queries';

const COLUMNS = ['name', 'status', 'waiting_position', 'channel', 'attended'] as const;

export function checkInCsv(rows: readonly CheckInRow[]): string {
	const table: ExportTable = {
		key: 'check_in',
		label: 'check_in',
		columns: COLUMNS.map((key) => ({ key, label: key, description: '' })),
		rows: rows.map((r) => [
			r.name ?? '',
			r.status,
			r.waitingPosition,
			r.channel,
			r.attended === null ? null : r.attended ? 'ja' : 'nein'
		]),
		geometries: null,
		suppressedCells: 0
	};
	return toCsv(table, 'comma');
}
