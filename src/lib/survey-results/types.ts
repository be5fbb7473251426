// Browser-safe types the results components and the server share.
import type { Question } from '../questionnaire/definition';

export interface PublishedOption {
	code: string;
	label: string;
	/** null = hidden (fewer than k, or the cover of such a cell) */
	count: number | null;
}

export interface PublishedBreakdownRow {
	areaId: string;
	key: string;
	name: string;
	n: number | null;
	counts: (number | null)[];
	mean: number | null;
}

export interface PublishedQuestion {
	key: string;
	type: Question['type'];
	text: string;
	n: number | null;
	options: PublishedOption[];
	mean: number | null;
	breakdowns: { level: string; levelName: string; rows: PublishedBreakdownRow[] }[];
}

export interface PublishedResults {
	surveyId: string;
	title: string;
	consultation: { id: string; slug: string; title: string };
	publishedAt: string;
	/** complete responses; null when fewer than k */
	total: number | null;
	minCount: number;
	questions: PublishedQuestion[];
	reach: {
		level: string;
		levelName: string;
		rows: { areaId: string; key: string; name: string; responses: number | null; per1000: number | null }[];
	}[];
}
