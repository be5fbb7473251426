// One row per response, one column per variable (pure, browser-safe): the shape CSV, XLSX (with its
// codebook), SPSS (.sav, .sps + CSV) share. Coded answers keep their option codes (CSV/XLSX, as
// LimeSurvey's "answer codes"); SPSS gets numeric values with value labels (the code itself when every
// code of the question is an integer, else 1…n in the definition's order). Area and map answers get
// one column per area level with the area keys ("Schlüssel"), as the monitoring uses them.
import type { AnswerValue, Question, QuestionnaireDefinition, ResponseChannel } from './definition';
import { OTHER_CODE, RESPONSE_CHANNELS } from './definition';
import { answerableQuestions, textIn } from './results';
import type { SpssTable, SpssVariable } from './spss';

export interface CodeLabel {
	code: string;
	value: number;
	label: string;
}

export interface SurveyColumn {
	name: string;
	label: string;
	/** the question this column belongs to (null: response number, channel, date) */
	question: string | null;
	kind: 'numeric' | 'string' | 'date';
	measure: 'nominal' | 'ordinal' | 'scale';
	decimals?: number;
	codes?: CodeLabel[];
}

export type SurveyCell = string | number | null;

export interface SurveyTable {
	title: string;
	columns: SurveyColumn[];
	rows: SurveyCell[][];
}

export interface TabularResponse {
	channel: ResponseChannel;
	date: string;
	answers: Record<string, AnswerValue>;
	/** area ids (every level) per area/map question key */
	areas: Record<string, readonly string[]>;
}

export interface TabularArea {
	id: string;
	key: string;
	name: string;
	level: string;
}

export interface TabularLabels {
	locale: string;
	responseNumber: string;
	channel: string;
	date: string;
	channels: Record<ResponseChannel, string>;
	yes: string;
	no: string;
	selected: string;
	notSelected: string;
	other: string;
	/** "{{question}} – {{level}}" */
	areaAtLevel: (question: string, level: string) => string;
	/** "{{question}} – Platz {{place}}" */
	place: (question: string, place: number) => string;
	features: (question: string) => string;
	/** "{{question}} – Anzahl Dateien" */
	files: (question: string) => string;
	levels: { key: string; name: string }[];
}

function valuesFor(codes: readonly { code: string; label: string }[]): CodeLabel[] {
	const allInts = codes.every((c) => /^-?\d{1,9}$/.test(c.code));
	return codes.map((c, i) => ({ ...c, value: allInts ? Number(c.code) : i + 1 }));
}

const plain = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The columns of a survey's export, from its definition. */
export function surveyColumns(definition: QuestionnaireDefinition, l: TabularLabels): SurveyColumn[] {
	const t = (x: Record<string, string | undefined>) => plain(textIn(x, l.locale));
	const cols: SurveyColumn[] = [
		{ name: 'response', label: l.responseNumber, question: null, kind: 'numeric', measure: 'nominal' },
		{
			name: 'channel',
			label: l.channel,
			question: null,
			kind: 'string',
			measure: 'nominal',
			codes: valuesFor(RESPONSE_CHANNELS.map((c) => ({ code: c, label: l.channels[c] })))
		},
		{ name: 'date', label: l.date, question: null, kind: 'date', measure: 'scale' }
	];
	for (const q of answerableQuestions(definition)) {
		const text = t(q.text);
		const key = q.key;
		const coded = (
			name: string,
			label: string,
			codes: { code: string; label: string }[],
			measure: SurveyColumn['measure'] = 'nominal'
		) => cols.push({ name, label, question: key, kind: 'string', measure, codes: valuesFor(codes) });
		switch (q.type) {
			case 'single_choice':
				coded(key, text, [
					...q.options.map((o) => ({ code: o.code, label: t(o.label) })),
					...(q.other ? [{ code: OTHER_CODE, label: l.other }] : [])
				]);
				if (q.other)
					cols.push({
						name: `${key}_other`,
						label: `${text} – ${l.other}`,
						question: key,
						kind: 'string',
						measure: 'nominal'
					});
				break;
			case 'multiple_choice':
				for (const o of q.options)
					cols.push({
						name: `${key}_${o.code.replace(/[^A-Za-z0-9_]/g, '_')}`,
						label: `${text} – ${t(o.label)}`,
						question: key,
						kind: 'numeric',
						measure: 'nominal',
						codes: [
							{ code: '1', value: 1, label: l.selected },
							{ code: '0', value: 0, label: l.notSelected }
						]
					});
				if (q.other)
					cols.push({
						name: `${key}_other`,
						label: `${text} – ${l.other}`,
						question: key,
						kind: 'string',
						measure: 'nominal'
					});
				break;
			case 'yes_no':
				cols.push({
					name: key,
					label: text,
					question: key,
					kind: 'numeric',
					measure: 'nominal',
					codes: [
						{ code: '1', value: 1, label: l.yes },
						{ code: '0', value: 0, label: l.no }
					]
				});
				break;
			case 'scale': {
				const codes: CodeLabel[] = [];
				if (q.minLabel && t(q.minLabel))
					codes.push({ code: String(q.min), value: q.min, label: t(q.minLabel) });
				if (q.maxLabel && t(q.maxLabel))
					codes.push({ code: String(q.max), value: q.max, label: t(q.maxLabel) });
				cols.push({ name: key, label: text, question: key, kind: 'numeric', measure: 'ordinal', codes });
				break;
			}
			case 'matrix':
				for (const row of q.rows)
					coded(
						`${key}_${row.code.replace(/[^A-Za-z0-9_]/g, '_')}`,
						`${text} – ${t(row.label)}`,
						q.columns.map((c) => ({ code: c.code, label: t(c.label) })),
						'ordinal'
					);
				break;
			case 'ranking': {
				const places = q.places ?? q.options.length;
				for (let p = 1; p <= places; p++)
					coded(
						`${key}_${p}`,
						l.place(text, p),
						q.options.map((o) => ({ code: o.code, label: t(o.label) }))
					);
				break;
			}
			case 'number':
				cols.push({
					name: key,
					label: text,
					question: key,
					kind: 'numeric',
					measure: 'scale',
					decimals: q.integer ? 0 : 2
				});
				break;
			case 'date':
				cols.push({ name: key, label: text, question: key, kind: 'date', measure: 'scale' });
				break;
			case 'area':
			case 'map':
				if (q.type === 'map')
					cols.push({
						name: `${key}_n`,
						label: l.features(text),
						question: key,
						kind: 'numeric',
						measure: 'scale'
					});
				for (const level of l.levels)
					cols.push({
						name: `${key}_${level.key.replace(/[^A-Za-z0-9_]/g, '_')}`,
						label: l.areaAtLevel(text, level.name),
						question: key,
						kind: 'string',
						measure: 'nominal'
					});
				break;
			case 'file':
				// a count and stable references (upload ids), never the names: a file's name may name a
				// person; the files themselves stay in the app
				cols.push({
					name: `${key}_n`,
					label: l.files(text),
					question: key,
					kind: 'numeric',
					measure: 'scale'
				});
				cols.push({ name: key, label: text, question: key, kind: 'string', measure: 'nominal' });
				break;
			default:
				// short_text, long_text
				cols.push({ name: key, label: text, question: key, kind: 'string', measure: 'nominal' });
		}
	}
	return cols;
}

/** One row per response, in the columns' order. */
export function surveyRows(
	definition: QuestionnaireDefinition,
	responses: readonly TabularResponse[],
	areas: ReadonlyMap<string, TabularArea>,
	levels: readonly { key: string }[]
): SurveyCell[][] {
	const questions = answerableQuestions(definition);
	return responses.map((r, index) => {
		const row: SurveyCell[] = [index + 1, r.channel, r.date];
		for (const q of questions) pushAnswer(row, q, r.answers[q.key], r.areas[q.key] ?? [], areas, levels);
		return row;
	});
}

function pushAnswer(
	row: SurveyCell[],
	q: Question,
	a: AnswerValue | undefined,
	areaIds: readonly string[],
	areas: ReadonlyMap<string, TabularArea>,
	levels: readonly { key: string }[]
): void {
	const same = a && a.type === q.type ? a : undefined;
	switch (q.type) {
		case 'single_choice': {
			const v = same as Extract<AnswerValue, { type: 'single_choice' }> | undefined;
			row.push(v?.choice ?? null);
			if (q.other) row.push(v?.choice === OTHER_CODE ? (v.other ?? null) : null);
			break;
		}
		case 'multiple_choice': {
			const v = same as Extract<AnswerValue, { type: 'multiple_choice' }> | undefined;
			for (const o of q.options) row.push(v ? (v.choices.includes(o.code) ? 1 : 0) : null);
			if (q.other) row.push(v?.choices.includes(OTHER_CODE) ? (v.other ?? null) : null);
			break;
		}
		case 'yes_no': {
			const v = same as Extract<AnswerValue, { type: 'yes_no' }> | undefined;
			row.push(v ? (v.yes ? 1 : 0) : null);
			break;
		}
		case 'scale': {
			const v = same as Extract<AnswerValue, { type: 'scale' }> | undefined;
			row.push(v?.value ?? null);
			break;
		}
		case 'matrix': {
			const v = same as Extract<AnswerValue, { type: 'matrix' }> | undefined;
			for (const r of q.rows) row.push(v?.rows[r.code] ?? null);
			break;
		}
		case 'ranking': {
			const v = same as Extract<AnswerValue, { type: 'ranking' }> | undefined;
			const places = q.places ?? q.options.length;
			for (let p = 0; p < places; p++) row.push(v?.order[p] ?? null);
			break;
		}
		case 'number':
			row.push(same?.type === 'number' ? same.number : null);
			break;
		case 'date':
			row.push(same?.type === 'date' ? same.date : null);
			break;
		case 'area':
		case 'map': {
			if (q.type === 'map') row.push(same?.type === 'map' ? same.geometries.length : null);
			const ids = [...areaIds];
			if (same?.type === 'area' && !ids.includes(same.areaId)) ids.push(same.areaId);
			for (const level of levels) {
				const keys = ids
					.map((id) => areas.get(id))
					.filter((x): x is TabularArea => !!x && x.level === level.key)
					.map((x) => x.key)
					.sort();
				row.push(keys.length ? keys.join(';') : null);
			}
			break;
		}
		case 'file':
			row.push(same?.type === 'file' ? same.files.length : null);
			row.push(
				same?.type === 'file' && same.files.length ? same.files.map((f) => f.uploadId).join(';') : null
			);
			break;
		default:
			row.push(same && 'text' in same ? same.text : null);
	}
}

/** The SPSS table: coded cells become their numeric values; strings get their widest byte length. */
export function toSpssTable(table: SurveyTable): SpssTable {
	const enc = new TextEncoder();
	const variables: SpssVariable[] = table.columns.map((c, i) => {
		const coded = c.kind === 'string' && c.codes?.length;
		const base = { name: c.name, label: c.label, measure: c.measure };
		if (coded)
			return {
				...base,
				kind: 'numeric',
				valueLabels: c.codes!.map(({ value, label }) => ({ value, label }))
			};
		if (c.kind === 'string') {
			const width = table.rows.reduce(
				(w, r) => Math.max(w, r[i] === null ? 0 : enc.encode(String(r[i])).length),
				1
			);
			return { ...base, kind: 'string', width: Math.min(255, width) };
		}
		return {
			...base,
			kind: c.kind,
			decimals: c.decimals,
			valueLabels: c.codes?.map(({ value, label }) => ({ value, label }))
		};
	});
	const rows = table.rows.map((r) =>
		r.map((cell, i) => {
			const c = table.columns[i];
			if (c.kind === 'string' && c.codes?.length)
				return cell === null ? null : (c.codes.find((x) => x.code === cell)?.value ?? null);
			return cell;
		})
	);
	return { fileLabel: table.title, variables, rows };
}

/** The codebook: one row per column and code (question text, variable, code, label). */
export function codebook(
	table: SurveyTable
): { variable: string; label: string; code: string; codeLabel: string }[] {
	const out: { variable: string; label: string; code: string; codeLabel: string }[] = [];
	for (const c of table.columns) {
		if (!c.codes?.length) out.push({ variable: c.name, label: c.label, code: '', codeLabel: '' });
		else
			for (const x of c.codes)
				out.push({ variable: c.name, label: c.label, code: x.code, codeLabel: x.label });
	}
	return out;
}
