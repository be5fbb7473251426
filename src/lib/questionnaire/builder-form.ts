// The builder's edit form ↔ one question (browser-safe, pure). The form is flat strings so that it works
// without JavaScript and a refused save can show exactly what was typed.
//
// Field names: key, type, text.<lang>, help.<lang>, required, display, other, min, max, integer,
// unit.<lang>, minLabel.<lang>, maxLabel.<lang>, noAnswer, minLength, maxLength, format, places,
// accept.image, accept.pdf, maxMb, maxFiles, level, mapChoice, geometry.point|line|polygon, maxFeatures,
// options.<lang> / rows.<lang> / columns.<lang> (one "CODE = Label" per line), cond.combinator,
// cond.<i>.question|op|value (flat clauses), cond.keep (a nested condition kept as it is).
import { LOCALES, type Locale } from '../i18n/locales';
import {
	CONDITION_OPERATORS,
	question as questionSchema,
	type Condition,
	type ConditionClause,
	type Question,
	type QuestionOption,
	type QuestionType
} from './definition';

export type FormFields = Record<string, string>;
export const CONDITION_ROWS = 3;
const OTHER_LANGS = LOCALES.filter((l) => l !== 'de');
const LISTS = ['options', 'rows', 'columns'] as const;

function texts(prefix: string, t: Partial<Record<Locale, string>> | undefined, out: FormFields) {
	for (const l of LOCALES) out[`${prefix}.${l}`] = t?.[l] ?? '';
}

function lines(list: QuestionOption[], lang: Locale): string {
	return list.map((o) => `${o.code} = ${o.label[lang] ?? ''}`.trimEnd()).join('\n');
}

const str = (v: number | string | undefined) => (v === undefined ? '' : String(v));
const flag = (v: boolean | undefined) => (v ? 'on' : '');

/** A nested condition (groups inside groups) cannot be edited in the flat form; it is kept. */
export function isFlat(c: Condition | undefined): boolean {
	return !c || (c.clauses.length <= CONDITION_ROWS && c.clauses.every((x) => !('clauses' in x)));
}

export function questionToFields(q: Question): FormFields {
	const f: FormFields = { key: q.key, type: q.type, required: flag(q.required) };
	texts('text', q.text, f);
	texts('help', q.help, f);
	const c = q.condition;
	f['cond.combinator'] = c?.combinator ?? 'and';
	if (c && !isFlat(c)) f['cond.keep'] = JSON.stringify(c);
	else
		(c?.clauses as ConditionClause[] | undefined)?.forEach((x, i) => {
			f[`cond.${i}.question`] = x.question;
			f[`cond.${i}.op`] = x.op;
			f[`cond.${i}.value`] = str(x.value);
		});
	switch (q.type) {
		case 'single_choice':
			f.display = q.display;
			f.other = flag(q.other);
			break;
		case 'multiple_choice':
			f.other = flag(q.other);
			f.min = str(q.min);
			f.max = str(q.max);
			break;
		case 'short_text':
		case 'long_text':
			f.minLength = str(q.minLength);
			f.maxLength = str(q.maxLength);
			f.format = q.format ?? '';
			break;
		case 'number':
			f.min = str(q.min);
			f.max = str(q.max);
			f.integer = flag(q.integer);
			texts('unit', q.unit, f);
			break;
		case 'date':
			f.min = q.min ?? '';
			f.max = q.max ?? '';
			break;
		case 'scale':
			f.min = str(q.min);
			f.max = str(q.max);
			f.noAnswer = flag(q.noAnswer);
			texts('minLabel', q.minLabel, f);
			texts('maxLabel', q.maxLabel, f);
			break;
		case 'ranking':
			f.places = str(q.places);
			break;
		case 'file':
			f['accept.image'] = flag(q.accept.includes('image'));
			f['accept.pdf'] = flag(q.accept.includes('pdf'));
			f.maxMb = String(Math.round((q.maxBytes / 1_000_000) * 10) / 10);
			f.maxFiles = String(q.maxFiles);
			break;
		case 'area':
			f.level = q.level;
			f.mapChoice = flag(q.map);
			break;
		case 'map':
			for (const g of ['point', 'line', 'polygon'] as const)
				f[`geometry.${g}`] = flag(q.geometry.includes(g));
			f.maxFeatures = String(q.maxFeatures);
			break;
		default:
			break;
	}
	for (const list of LISTS) {
		const items =
			list === 'options'
				? 'options' in q
					? q.options
					: undefined
				: q.type === 'matrix'
					? q[list]
					: undefined;
		if (items) for (const l of LOCALES) f[`${list}.${l}`] = lines(items, l);
	}
	return f;
}

export interface FieldProblems {
	/** field name → i18n key in the surveysBuilder namespace */
	errors: Record<string, string>;
}

function parseLines(
	german: string,
	others: Partial<Record<Locale, string>>,
	prefix: string
): { list: QuestionOption[]; error?: string } {
	const list: QuestionOption[] = [];
	const used = new Set<string>();
	let n = 0;
	for (const raw of german.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		const m = line.match(/^([A-Za-z0-9][A-Za-z0-9_.-]{0,31})\s*=\s*(.+)$/);
		let code: string;
		let label: string;
		if (m) [code, label] = [m[1], m[2].trim()];
		else {
			// A line without code gets the next free one (A1, A2 … / SQ001 …).
			do {
				n++;
				code = prefix === 'SQ' ? `SQ${String(n).padStart(3, '0')}` : `A${n}`;
			} while (used.has(code.toLowerCase()) || german.match(new RegExp(`^\\s*${code}\\s*=`, 'mi')));
			label = line;
		}
		if (used.has(code.toLowerCase())) return { list, error: 'form.duplicateCode' };
		used.add(code.toLowerCase());
		list.push({ code, label: { de: label.slice(0, 4000) } });
	}
	for (const [lang, text] of Object.entries(others)) {
		for (const raw of (text ?? '').split(/\r?\n/)) {
			const m = raw.trim().match(/^([A-Za-z0-9][A-Za-z0-9_.-]{0,31})\s*=\s*(.*)$/);
			const o = m && list.find((x) => x.code === m[1]);
			if (o && m[2].trim()) (o.label as Record<string, string>)[lang] = m[2].trim().slice(0, 4000);
		}
	}
	return { list };
}

function textOf(f: FormFields, prefix: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const l of LOCALES) {
		const v = (f[`${prefix}.${l}`] ?? '').trim();
		if (v) out[l] = v;
	}
	return out;
}

function optionalTextOf(f: FormFields, prefix: string) {
	const t = textOf(f, prefix);
	return Object.keys(t).length ? { de: '', ...t } : undefined;
}

function numberOf(f: FormFields, name: string, errors: Record<string, string>): number | undefined {
	const raw = (f[name] ?? '').trim().replace(',', '.');
	if (!raw) return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n)) errors[name] = 'form.number';
	return Number.isFinite(n) ? n : undefined;
}

function conditionOf(f: FormFields, errors: Record<string, string>): Condition | undefined {
	if (f['cond.keep']) {
		if (f['cond.drop'] === 'on') return undefined;
		try {
			return JSON.parse(f['cond.keep']) as Condition;
		} catch {
			errors['cond.keep'] = 'form.condition';
			return undefined;
		}
	}
	const clauses: ConditionClause[] = [];
	for (let i = 0; i < CONDITION_ROWS; i++) {
		const question = (f[`cond.${i}.question`] ?? '').trim();
		if (!question) continue;
		const op = f[`cond.${i}.op`] as ConditionClause['op'];
		if (!(CONDITION_OPERATORS as readonly string[]).includes(op)) {
			errors[`cond.${i}.op`] = 'form.condition';
			continue;
		}
		const raw = (f[`cond.${i}.value`] ?? '').trim();
		if (op === 'answered' || op === 'not_answered') clauses.push({ question, op });
		else if (!raw) errors[`cond.${i}.value`] = 'form.conditionValue';
		else if (op === 'gt' || op === 'lt') {
			const n = Number(raw.replace(',', '.'));
			if (Number.isFinite(n)) clauses.push({ question, op, value: n });
			else errors[`cond.${i}.value`] = 'form.number';
		} else clauses.push({ question, op, value: raw.slice(0, 200) });
	}
	if (!clauses.length) return undefined;
	return { combinator: f['cond.combinator'] === 'or' ? 'or' : 'and', clauses };
}

/** The question the form describes, or field errors (i18n keys) — never throws. */
export function fieldsToQuestion(
	f: FormFields,
	type: QuestionType
): { ok: true; question: Question } | ({ ok: false } & FieldProblems) {
	const errors: Record<string, string> = {};
	const key = (f.key ?? '').trim();
	if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key)) errors.key = 'form.key';
	const text = textOf(f, 'text');
	if (!text.de) errors['text.de'] = 'form.textRequired';
	const draft: Record<string, unknown> = {
		key,
		type,
		text,
		help: optionalTextOf(f, 'help'),
		required: f.required === 'on',
		condition: conditionOf(f, errors)
	};
	const others = (list: string) =>
		Object.fromEntries(OTHER_LANGS.map((l) => [l, f[`${list}.${l}`] ?? ''])) as Partial<
			Record<Locale, string>
		>;
	const listOf = (list: (typeof LISTS)[number]) => {
		const r = parseLines(f[`${list}.de`] ?? '', others(list), list === 'rows' ? 'SQ' : 'A');
		if (r.error) errors[`${list}.de`] = r.error;
		return r.list;
	};
	const int = (name: string) => {
		const n = numberOf(f, name, errors);
		return n === undefined ? undefined : Math.trunc(n);
	};
	switch (type) {
		case 'single_choice':
			Object.assign(draft, {
				display: f.display === 'dropdown' ? 'dropdown' : 'radio',
				other: f.other === 'on',
				options: listOf('options')
			});
			break;
		case 'multiple_choice':
			Object.assign(draft, {
				other: f.other === 'on',
				options: listOf('options'),
				min: int('min'),
				max: int('max')
			});
			break;
		case 'short_text':
		case 'long_text':
			Object.assign(draft, {
				minLength: int('minLength'),
				maxLength: int('maxLength'),
				format: ['email', 'postcode', 'phone'].includes(f.format) ? f.format : undefined
			});
			break;
		case 'number':
			Object.assign(draft, {
				min: numberOf(f, 'min', errors),
				max: numberOf(f, 'max', errors),
				integer: f.integer === 'on',
				unit: optionalTextOf(f, 'unit')
			});
			break;
		case 'date':
			Object.assign(draft, { min: f.min?.trim() || undefined, max: f.max?.trim() || undefined });
			break;
		case 'scale':
			Object.assign(draft, {
				min: int('min') ?? 1,
				max: int('max') ?? 5,
				noAnswer: f.noAnswer === 'on',
				minLabel: optionalTextOf(f, 'minLabel'),
				maxLabel: optionalTextOf(f, 'maxLabel')
			});
			break;
		case 'matrix':
			Object.assign(draft, { rows: listOf('rows'), columns: listOf('columns') });
			break;
		case 'ranking':
			Object.assign(draft, { options: listOf('options'), places: int('places') });
			break;
		case 'file': {
			const accept = (['image', 'pdf'] as const).filter((a) => f[`accept.${a}`] === 'on');
			const mb = numberOf(f, 'maxMb', errors) ?? 5;
			Object.assign(draft, { accept, maxBytes: Math.round(mb * 1_000_000), maxFiles: int('maxFiles') ?? 1 });
			break;
		}
		case 'area':
			Object.assign(draft, { level: (f.level ?? '').trim(), map: f.mapChoice === 'on' });
			break;
		case 'map':
			Object.assign(draft, {
				geometry: (['point', 'line', 'polygon'] as const).filter((g) => f[`geometry.${g}`] === 'on'),
				maxFeatures: int('maxFeatures') ?? 1
			});
			break;
		default:
			break;
	}
	for (const k of Object.keys(draft)) if (draft[k] === undefined) delete draft[k];
	const parsed = questionSchema.safeParse(draft);
	if (!parsed.success)
		for (const issue of parsed.error.issues) {
			const [first, second] = issue.path.map(String);
			const field =
				first === 'text' ||
				first === 'help' ||
				first === 'unit' ||
				first === 'minLabel' ||
				first === 'maxLabel'
					? `${first}.${second ?? 'de'}`
					: first === 'options' || first === 'rows' || first === 'columns'
						? `${first}.de`
						: first === 'accept'
							? 'accept.image'
							: first === 'geometry'
								? 'geometry.point'
								: first === 'maxBytes'
									? 'maxMb'
									: (first ?? 'form');
			errors[field] ??=
				`form.${first === 'options' || first === 'rows' || first === 'columns' ? 'options' : 'invalid'}`;
		}
	if (Object.keys(errors).length || !parsed.success)
		return { ok: false, errors: Object.keys(errors).length ? errors : { form: 'form.invalid' } };
	return { ok: true, question: parsed.data };
}
