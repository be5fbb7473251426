// Survey results (browser-safe, pure): per question counts and percentages, scale means and
// distributions, matrix rows, ranking mean ranks, number summaries and free texts, from the definition
// and the responses — in one pass over the responses (10,000 × 30 in well under a second, see
// bench/survey-results.bench.ts). Filters: area (with its descendants), channel, date range and the
// answer to another question (cross-tab). Small-number protection of breakdowns: ./breakdown.ts.
import type { AnswerValue, Question, QuestionnaireDefinition, ResponseChannel } from './definition';
import { OTHER_CODE } from './definition';

/** One response as results read it: no account, no code, no exact time. */
export interface ResultResponse {
	channel: ResponseChannel;
	/** YYYY-MM-DD */
	date: string;
	/** The area the response belongs to (the survey's area question), or null. */
	areaId: string | null;
	answers: Record<string, AnswerValue>;
}

export interface ResultFilter {
	/** the area and every area below it */
	areaId?: string;
	channel?: ResponseChannel;
	/** inclusive, YYYY-MM-DD */
	from?: string;
	to?: string;
	/** cross-tab: only responses whose answer to `question` is `code` */
	answer?: { question: string; code: string };
}

export interface CodeCount {
	code: string;
	count: number;
	/** share of `n` in percent, one decimal */
	percent: number;
}

export type QuestionResult =
	| {
			key: string;
			type: 'single_choice' | 'yes_no' | 'area';
			n: number;
			counts: CodeCount[];
			otherTexts: string[];
	  }
	| { key: string; type: 'multiple_choice'; n: number; counts: CodeCount[]; otherTexts: string[] }
	| {
			key: string;
			type: 'scale';
			n: number;
			counts: CodeCount[];
			/** answered "weiß nicht / keine Angabe" */
			noAnswer: number;
			mean: number | null;
	  }
	| {
			key: string;
			type: 'matrix';
			n: number;
			rows: { code: string; n: number; counts: CodeCount[] }[];
	  }
	| {
			key: string;
			type: 'ranking';
			n: number;
			options: { code: string; ranked: number; meanRank: number | null; first: number }[];
	  }
	| {
			key: string;
			type: 'number';
			n: number;
			min: number | null;
			max: number | null;
			mean: number | null;
			median: number | null;
	  }
	| { key: string; type: 'date'; n: number; min: string | null; max: string | null }
	| { key: string; type: 'short_text' | 'long_text'; n: number; texts: string[] }
	| { key: string; type: 'map'; n: number; features: number }
	| { key: string; type: 'file'; n: number };

export interface SurveyResults {
	/** responses after the filter */
	total: number;
	questions: QuestionResult[];
}

/** A content text in the reader's language, German as the fallback. */
export function textIn(text: Record<string, string | undefined> | undefined, locale: string): string {
	return text?.[locale]?.trim() || text?.de || '';
}

/** Questions that carry answers (not info blocks or page breaks). */
export function answerableQuestions(definition: QuestionnaireDefinition): Question[] {
	return definition.questions.filter((q) => q.type !== 'info' && q.type !== 'page_break');
}

/** The codes a question's answers are counted by, in the definition's order. */
export function answerCodes(q: Question, areaIds: readonly string[] = []): string[] {
	switch (q.type) {
		case 'single_choice':
		case 'multiple_choice':
			return [...q.options.map((o) => o.code), ...(q.other ? [OTHER_CODE] : [])];
		case 'yes_no':
			return ['yes', 'no'];
		case 'scale': {
			const codes: string[] = [];
			for (let v = q.min; v <= q.max; v++) codes.push(String(v));
			return codes;
		}
		case 'area':
			return [...areaIds];
		default:
			return [];
	}
}

/** The code(s) of one answer, as counted and as the cross-tab filter compares them. */
export function codesOf(answer: AnswerValue | undefined): string[] {
	if (!answer) return [];
	switch (answer.type) {
		case 'single_choice':
			return [answer.choice];
		case 'multiple_choice':
			return answer.choices;
		case 'yes_no':
			return [answer.yes ? 'yes' : 'no'];
		case 'scale':
			return answer.value === null ? [] : [String(answer.value)];
		case 'area':
			return [answer.areaId];
		default:
			return [];
	}
}

/** Builds the response predicate; `descendants(areaId)` gives the area and every area below it. */
export function matchesFilter(
	filter: ResultFilter,
	descendants: (areaId: string) => ReadonlySet<string>
): (r: ResultResponse) => boolean {
	const areas = filter.areaId ? descendants(filter.areaId) : null;
	return (r) => {
		if (filter.channel && r.channel !== filter.channel) return false;
		if (filter.from && r.date < filter.from) return false;
		if (filter.to && r.date > filter.to) return false;
		if (areas && (r.areaId === null || !areas.has(r.areaId))) return false;
		if (filter.answer && !codesOf(r.answers[filter.answer.question]).includes(filter.answer.code))
			return false;
		return true;
	};
}

export function percent(count: number, n: number): number {
	return n === 0 ? 0 : Math.round((count / n) * 1000) / 10;
}

function countsOf(codes: readonly string[], tally: ReadonlyMap<string, number>, n: number): CodeCount[] {
	return codes.map((code) => {
		const count = tally.get(code) ?? 0;
		return { code, count, percent: percent(count, n) };
	});
}

interface Acc {
	n: number;
	tally: Map<string, number>;
	texts: string[];
	nums: number[];
	sum: number;
	noAnswer: number;
	minDate: string | null;
	maxDate: string | null;
	features: number;
	rows: Map<string, { n: number; tally: Map<string, number> }>;
	ranks: Map<string, { ranked: number; sum: number; first: number }>;
}

const newAcc = (): Acc => ({
	n: 0,
	tally: new Map(),
	texts: [],
	nums: [],
	sum: 0,
	noAnswer: 0,
	minDate: null,
	maxDate: null,
	features: 0,
	rows: new Map(),
	ranks: new Map()
});

const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function add(acc: Acc, a: AnswerValue): void {
	acc.n++;
	switch (a.type) {
		case 'single_choice':
			inc(acc.tally, a.choice);
			if (a.choice === OTHER_CODE && a.other) acc.texts.push(a.other);
			break;
		case 'multiple_choice':
			for (const c of new Set(a.choices)) inc(acc.tally, c);
			if (a.choices.includes(OTHER_CODE) && a.other) acc.texts.push(a.other);
			break;
		case 'yes_no':
			inc(acc.tally, a.yes ? 'yes' : 'no');
			break;
		case 'area':
			inc(acc.tally, a.areaId);
			break;
		case 'scale':
			if (a.value === null) acc.noAnswer++;
			else {
				inc(acc.tally, String(a.value));
				acc.nums.push(a.value);
				acc.sum += a.value;
			}
			break;
		case 'number':
			acc.nums.push(a.number);
			acc.sum += a.number;
			break;
		case 'date':
			if (acc.minDate === null || a.date < acc.minDate) acc.minDate = a.date;
			if (acc.maxDate === null || a.date > acc.maxDate) acc.maxDate = a.date;
			break;
		case 'short_text':
		case 'long_text':
			if (a.text.trim()) acc.texts.push(a.text);
			break;
		case 'matrix':
			for (const [row, col] of Object.entries(a.rows)) {
				const r = acc.rows.get(row) ?? { n: 0, tally: new Map<string, number>() };
				r.n++;
				inc(r.tally, col);
				acc.rows.set(row, r);
			}
			break;
		case 'ranking':
			a.order.forEach((code, i) => {
				const r = acc.ranks.get(code) ?? { ranked: 0, sum: 0, first: 0 };
				r.ranked++;
				r.sum += i + 1;
				if (i === 0) r.first++;
				acc.ranks.set(code, r);
			});
			break;
		case 'map':
			acc.features += a.geometries.length;
			break;
		case 'file':
			break;
	}
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function finish(q: Question, acc: Acc, areaIds: readonly string[]): QuestionResult {
	const { key } = q;
	switch (q.type) {
		case 'single_choice':
		case 'yes_no':
			return {
				key,
				type: q.type,
				n: acc.n,
				counts: countsOf(answerCodes(q), acc.tally, acc.n),
				otherTexts: acc.texts
			};
		case 'area': {
			// areas nobody named are listed too (0), areas outside the list (moved, deleted) at the end
			const codes = [...areaIds, ...[...acc.tally.keys()].filter((c) => !areaIds.includes(c)).sort()];
			return { key, type: 'area', n: acc.n, counts: countsOf(codes, acc.tally, acc.n), otherTexts: [] };
		}
		case 'multiple_choice':
			return {
				key,
				type: 'multiple_choice',
				n: acc.n,
				counts: countsOf(answerCodes(q), acc.tally, acc.n),
				otherTexts: acc.texts
			};
		case 'scale': {
			const valued = acc.n - acc.noAnswer;
			return {
				key,
				type: 'scale',
				n: acc.n,
				counts: countsOf(answerCodes(q), acc.tally, valued),
				noAnswer: acc.noAnswer,
				mean: valued ? round2(acc.sum / valued) : null
			};
		}
		case 'matrix':
			return {
				key,
				type: 'matrix',
				n: acc.n,
				rows: q.rows.map((row) => {
					const r = acc.rows.get(row.code) ?? { n: 0, tally: new Map<string, number>() };
					return {
						code: row.code,
						n: r.n,
						counts: countsOf(
							q.columns.map((c) => c.code),
							r.tally,
							r.n
						)
					};
				})
			};
		case 'ranking':
			return {
				key,
				type: 'ranking',
				n: acc.n,
				options: q.options.map((o) => {
					const r = acc.ranks.get(o.code);
					return {
						code: o.code,
						ranked: r?.ranked ?? 0,
						meanRank: r ? round2(r.sum / r.ranked) : null,
						first: r?.first ?? 0
					};
				})
			};
		case 'number': {
			const sorted = acc.nums.sort((a, b) => a - b);
			const mid = sorted.length >> 1;
			return {
				key,
				type: 'number',
				n: acc.n,
				min: sorted.length ? sorted[0] : null,
				max: sorted.length ? sorted[sorted.length - 1] : null,
				mean: sorted.length ? round2(acc.sum / sorted.length) : null,
				median: sorted.length ? (sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2) : null
			};
		}
		case 'date':
			return { key, type: 'date', n: acc.n, min: acc.minDate, max: acc.maxDate };
		case 'short_text':
		case 'long_text':
			return { key, type: q.type, n: acc.n, texts: acc.texts };
		case 'map':
			return { key, type: 'map', n: acc.n, features: acc.features };
		default:
			return { key, type: 'file', n: acc.n };
	}
}

/**
 * Results of every answerable question, in one pass over the responses. `areaIds` lists the areas an
 * area question offers (its level), so areas nobody named show 0.
 */
export function computeResults(
	definition: QuestionnaireDefinition,
	responses: readonly ResultResponse[],
	options: {
		filter?: ResultFilter;
		descendants?: (areaId: string) => ReadonlySet<string>;
		areaIdsAtLevel?: (level: string) => readonly string[];
	} = {}
): SurveyResults {
	const questions = answerableQuestions(definition);
	const accs = questions.map(newAcc);
	const keep = options.filter
		? matchesFilter(options.filter, options.descendants ?? ((id) => new Set([id])))
		: () => true;
	let total = 0;
	for (const r of responses) {
		if (!keep(r)) continue;
		total++;
		for (let i = 0; i < questions.length; i++) {
			const a = r.answers[questions[i].key];
			if (a && a.type === questions[i].type) add(accs[i], a);
			else if (a && questions[i].type === 'long_text' && a.type === 'short_text') add(accs[i], a);
		}
	}
	return {
		total,
		questions: questions.map((q, i) =>
			finish(q, accs[i], q.type === 'area' ? (options.areaIdsAtLevel?.(q.level) ?? []) : [])
		)
	};
}

/**
 * One aggregate row as the database counts it (src/lib/server/survey-results/aggregate.ts): `i` is the
 * index into answerableQuestions(definition). kinds: 'n' answers; 'tally' answers with `code`;
 * 'scale' (n = no answer, num = sum of values); 'matrix' (code = row, sub = column); 'rank'
 * (n = ranked, num = sum of ranks, first); 'numbers' / 'texts' / 'other' (list, in response order);
 * 'dates' (code = min, sub = max); 'map' (num = features).
 */
export interface AggregateRow {
	kind: string;
	i: number;
	code: string | null;
	sub: string | null;
	n: number;
	num: number | null;
	first: number | null;
	list: unknown[] | null;
}

/** The same results as computeResults, from counts made in the database (`total` after the filter). */
export function assembleResults(
	definition: QuestionnaireDefinition,
	total: number,
	rows: readonly AggregateRow[],
	areaIdsAtLevel?: (level: string) => readonly string[]
): SurveyResults {
	const questions = answerableQuestions(definition);
	const accs = questions.map(newAcc);
	for (const row of rows) {
		const acc = accs[row.i];
		if (!acc) continue;
		switch (row.kind) {
			case 'n':
				acc.n = row.n;
				break;
			case 'tally':
				if (row.code !== null) acc.tally.set(row.code, row.n);
				break;
			case 'scale':
				acc.noAnswer = row.n;
				acc.sum = row.num ?? 0;
				break;
			case 'matrix': {
				const r = acc.rows.get(row.code!) ?? { n: 0, tally: new Map<string, number>() };
				r.n += row.n;
				r.tally.set(row.sub!, row.n);
				acc.rows.set(row.code!, r);
				break;
			}
			case 'rank':
				acc.ranks.set(row.code!, { ranked: row.n, sum: row.num ?? 0, first: row.first ?? 0 });
				break;
			case 'numbers':
				for (const x of (row.list ?? []) as number[]) {
					acc.nums.push(x);
					acc.sum += x;
				}
				break;
			case 'texts':
				for (const t of (row.list ?? []) as string[])
					if (typeof t === 'string' && t.trim()) acc.texts.push(t);
				break;
			case 'other':
				for (const t of (row.list ?? []) as string[]) if (t) acc.texts.push(t);
				break;
			case 'dates':
				acc.minDate = row.code;
				acc.maxDate = row.sub;
				break;
			case 'map':
				acc.features = row.num ?? 0;
				break;
		}
	}
	return {
		total,
		questions: questions.map((q, i) =>
			finish(q, accs[i], q.type === 'area' ? (areaIdsAtLevel?.(q.level) ?? []) : [])
		)
	};
}

/** Free texts containing `term` (case-insensitive), for the searchable list. */
export function searchTexts(texts: readonly string[], term: string): string[] {
	const t = term.trim().toLocaleLowerCase('de');
	if (!t) return [...texts];
	return texts.filter((x) => x.toLocaleLowerCase('de').includes(t));
}
