// The check-in list of one date as CSV for the organiser (names and answers are personal data: staff
// only). Written by the exports' CSV writer: BOM, quoting and the formula guard are the same as
// elsewhere. Headers and values in the organiser's language.
import type { TFunction } from '$lib/i18n';
import { toCsv } from '../participation/exports/csv';
import type { ExportTable } from '../participation/exports/table';
import type { CheckInRow } from './queries';
import { describeAnswers } from './registration-answers';

const COLUMNS = [
	['name', 'events.manage.csvName'],
	['status', 'events.manage.csvStatus'],
	['waiting_position', 'events.manage.csvWaiting'],
	['channel', 'events.manage.csvChannel'],
	['attended', 'events.manage.csvAttended'],
	['answers', 'events.manage.answersColumn']
] as const;

export function checkInCsv(rows: readonly CheckInRow[], t: TFunction): string {
	const table: ExportTable = {
		key: 'check_in',
		label: 'check_in',
		// the CSV writer puts column keys in the header line: here they are the localised labels
		columns: COLUMNS.map(([, label]) => ({ key: t(label), label: t(label), description: '' })),
		rows: rows.map((r) => [
			r.name ?? '',
			t(r.status === 'waiting' ? 'events.manage.csvWaitingStatus' : 'events.manage.csvRegistered'),
			r.waitingPosition,
			t(`events.manage.channel_${r.channel}`, { defaultValue: r.channel }),
			r.attended === null ? null : t(r.attended ? 'events.manage.answersYes' : 'events.manage.answersNo'),
			describeAnswers(r, t).join('; ')
		]),
		geometries: null,
		suppressedCells: 0
	};
	return toCsv(table, 'comma');
}
