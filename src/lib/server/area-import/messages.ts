// German (or the user's language) messages for import problems, naming the row/feature and column/property.
import type { TFunction } from '../../i18n';
import type { AreaSource, ImportIssue } from './types';

export function formatIssue(t: TFunction, issue: ImportIssue, kind: AreaSource['kind'] | null): string {
	const vars = {
		row: issue.row,
		field: issue.field,
		value: issue.value,
		otherRow: issue.otherRow,
		level: issue.level,
		detail: issue.detail
	};
	const text = t(`areasImport.issue.${issue.code}`, vars);
	if (issue.row === undefined) return text;
	const unit = kind === 'table' ? 'row' : 'feature';
	const where =
		issue.field !== undefined
			? t(`areasImport.where.${unit}Field`, vars)
			: t(`areasImport.where.${unit}`, vars);
	return `${where}: ${text}`;
}

export function formatIssues(
	t: TFunction,
	issues: ImportIssue[],
	kind: AreaSource['kind'] | null,
	limit = 50
): { messages: string[]; more: number } {
	return {
		messages: issues.slice(0, limit).map((i) => formatIssue(t, i, kind)),
		more: Math.max(0, issues.length - limit)
	};
}
