// LimeSurvey survey structure (.lss, the XML export of LimeSurvey 3–6) → our questionnaire definition.
// Pure (browser-safe): parse, normalise the 3.x per-language rows and the 4+ l10n tables into one
// shape, map groups, questions, subquestions, answer options, conditions and simple relevance
// equations. Whatever does not map is listed (reason = i18n key in the survey-builder namespace), never
// silently dropped; the caller imports all of it in one transaction or nothing.
import { XMLParser } from 'fast-xml-parser';
import type { Locale } from '../i18n/locales';
import {
	MAX_FILE_BYTES,
	MAX_FILES,
	questionnaireDefinition,
	type Condition,
	type ConditionClause,
	type Question,
	type QuestionnaireDefinition,
	type QuestionOption,
	type QuestionText,
	type QuestionType
} from './definition';
import { conditionKeys, freshKey, pipedKeys } from './edits';

/** Largest .lss accepted (a survey with hundreds of questions in six languages is about 2 MB). */
export const LSS_MAX_BYTES = 5_000_000;

export interface LssNote {
	/** LimeSurvey question code (title), group name or language code */
	code: string;
	/** i18n key in the survey-builder namespace, e.g. 'lss.type' */
	reason: string;
	detail?: string;
}

export interface LssImport {
	title: string;
	intro: string;
	/** the intro in Leichte Sprache (LimeSurvey language "de-easy"), if the file has it */
	introEasy: string;
	translations: Partial<Record<Locale, { title?: string; intro?: string }>>;
	dbVersion: number;
	/** our languages found in the file, German first */
	languages: Locale[];
	definition: QuestionnaireDefinition;
	groups: { title: string; questions: number }[];
	mapped: { key: string; from: string; to: QuestionType }[];
	/** what was not imported, or imported only in part */
	notMapped: LssNote[];
}

export type LssResult = { ok: true; value: LssImport } | { ok: false; error: string; detail?: string };

type Row = Record<string, string>;
type Texts = Partial<Record<Locale, string>>;

// LimeSurvey language codes → ours. 'de-informal' is used only where the file has no 'de'.
const LANGUAGE_MAP: Record<string, Locale> = {
	de: 'de',
	'de-informal': 'de',
	en: 'en',
	tr: 'tr',
	ar: 'ar',
	uk: 'uk',
	ru: 'ru'
};
const EASY = 'de-easy';

// Fixed answer scales of LimeSurvey's array types (content of the imported survey, in our languages).
const SCALE_LABELS: Record<string, [string, Record<Locale, string>][]> = {
	C: [
		['Y', { de: 'Ja', en: 'Yes', tr: 'Evet', ar: 'نعم', uk: 'Так', ru: 'Да' }],
		[
			'U',
			{
				de: 'Unsicher',
				en: 'Uncertain',
				tr: 'Emin değilim',
				ar: 'غير متأكد',
				uk: 'Не впевнений',
				ru: 'Не уверен'
			}
		],
		['N', { de: 'Nein', en: 'No', tr: 'Hayır', ar: 'لا', uk: 'Ні', ru: 'Нет' }]
	],
	E: [
		['I', { de: 'Mehr', en: 'Increase', tr: 'Artış', ar: 'زيادة', uk: 'Більше', ru: 'Больше' }],
		['S', { de: 'Gleich', en: 'Same', tr: 'Aynı', ar: 'نفس الشيء', uk: 'Так само', ru: 'Так же' }],
		['D', { de: 'Weniger', en: 'Decrease', tr: 'Azalış', ar: 'نقصان', uk: 'Менше', ru: 'Меньше' }]
	]
};

const COMMENT_LABEL: Record<Locale, string> = {
	de: 'Kommentar',
	en: 'Comment',
	tr: 'Yorum',
	ar: 'تعليق',
	uk: 'Коментар',
	ru: 'Комментарий'
};

/** LimeSurvey types that have no counterpart here (G gender, I language switch, K/Q multiple inputs …). */
const UNSUPPORTED: Record<string, string> = {
	G: 'gender',
	I: 'language',
	K: 'multiple_numeric',
	Q: 'multiple_short_text',
	'1': 'dual_scale',
	';': 'array_texts',
	':': 'array_numbers',
	'*': 'equation'
};

// ---------------------------------------------------------------------------------------------------
// Parsing

interface LsAnswer {
	code: string;
	order: number;
	scale: number;
	texts: Texts;
}
interface LsQuestion {
	qid: string;
	gid: string;
	type: string;
	title: string;
	other: boolean;
	mandatory: string;
	order: number;
	relevance: string;
	texts: Texts;
	help: Texts;
	subs: LsQuestion[];
	answers: LsAnswer[];
	attributes: Record<string, string>;
	easy: boolean;
}
interface LsGroup {
	gid: string;
	order: number;
	relevance: string;
	names: Texts;
	descriptions: Texts;
}

function rows(doc: Record<string, unknown>, section: string): Row[] {
	const s = doc[section] as { rows?: { row?: Row[] } } | undefined;
	const list = s?.rows?.row ?? [];
	return list.map((r) =>
		Object.fromEntries(
			Object.entries(r ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : v == null ? '' : String(v)])
		)
	);
}

const NAMED_ENTITIES: Record<string, string> = {
	nbsp: ' ',
	auml: 'ä',
	ouml: 'ö',
	uuml: 'ü',
	Auml: 'Ä',
	Ouml: 'Ö',
	Uuml: 'Ü',
	szlig: 'ß',
	hellip: '…',
	ndash: '–',
	mdash: '—',
	bdquo: '„',
	ldquo: '“',
	rdquo: '”',
	lsquo: '‘',
	rsquo: '’',
	sbquo: '‚',
	euro: '€',
	eacute: 'é',
	egrave: 'è',
	ccedil: 'ç',
	shy: ''
};

/** HTML of LimeSurvey texts → plain text (we never store user HTML). */
export function htmlToText(html: string): string {
	return html
		.replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
		.replace(/<\s*br\s*\/?>/gi, '\n')
		.replace(/<\s*\/\s*(p|div|li|h[1-6])\s*>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&([a-z]+);/gi, (m, name: string) => NAMED_ENTITIES[name] ?? m)
		.replace(/&quot;/g, '"')
		.replace(/&#0*39;|&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
		.replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
		.replace(/&amp;/g, '&')
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

class Languages {
	/** LimeSurvey code → ours, for the codes we take */
	readonly take = new Map<string, Locale>();
	readonly ignored: string[] = [];
	readonly hasEasy: boolean;
	constructor(codes: string[]) {
		const set = new Set(codes);
		for (const c of codes) {
			const ours = LANGUAGE_MAP[c];
			if (c === EASY) continue;
			if (!ours || (c === 'de-informal' && set.has('de'))) this.ignored.push(c);
			else this.take.set(c, ours);
		}
		this.hasEasy = set.has(EASY);
	}
	locale(code: string): Locale | undefined {
		return this.take.get(code);
	}
}

function put(texts: Texts, lang: Locale | undefined, value: string | undefined) {
	if (!lang || value === undefined) return;
	const t = htmlToText(value);
	if (t) texts[lang] = t;
}

interface Parsed {
	dbVersion: number;
	baseLanguage: string;
	langs: Languages;
	settings: Row[];
	groups: LsGroup[];
	questions: LsQuestion[];
	conditions: Row[];
}

function parseDocument(
	xml: string
): { ok: true; value: Parsed } | { ok: false; error: string; detail?: string } {
	let doc: Record<string, unknown>;
	try {
		const parser = new XMLParser({
			ignoreAttributes: true,
			parseTagValue: false,
			trimValues: false,
			processEntities: true,
			isArray: (name) => name === 'row' || name === 'language' || name === 'fieldname'
		});
		const root = parser.parse(xml, true) as Record<string, unknown>;
		doc = root.document as Record<string, unknown>;
	} catch (e) {
		return {
			ok: false,
			error: 'lss.error.xml',
			detail: e instanceof Error ? e.message.slice(0, 200) : undefined
		};
	}
	if (!doc || typeof doc !== 'object') return { ok: false, error: 'lss.error.notLimeSurvey' };
	const docType = String(doc.LimeSurveyDocType ?? '').trim();
	if (docType !== 'Survey') return { ok: false, error: 'lss.error.notSurvey', detail: docType || undefined };
	const dbVersion = Number(String(doc.DBVersion ?? '').trim()) || 0;

	const surveys = rows(doc, 'surveys');
	const settings = rows(doc, 'surveys_languagesettings');
	const declared = ((doc.languages as { language?: string[] } | undefined)?.language ?? []).map((l) =>
		String(l).trim()
	);
	const baseLanguage = surveys[0]?.language?.trim() || declared[0] || 'de';
	const additional = (surveys[0]?.additional_languages ?? '').split(/\s+/).filter(Boolean);
	const codes = [...new Set([baseLanguage, ...declared, ...additional])];
	const langs = new Languages(codes);

	// Groups: 3.x has one row per language; 4+ has group_l10ns.
	const groups = new Map<string, LsGroup>();
	for (const r of rows(doc, 'groups')) {
		const g = groups.get(r.gid) ?? {
			gid: r.gid,
			order: Number(r.group_order) || 0,
			relevance: r.grelevance ?? '',
			names: {},
			descriptions: {}
		};
		if (r.language !== undefined) {
			put(g.names, langs.locale(r.language), r.group_name);
			put(g.descriptions, langs.locale(r.language), r.description);
		}
		groups.set(r.gid, g);
	}
	for (const r of rows(doc, 'group_l10ns')) {
		const g = groups.get(r.gid);
		if (!g) continue;
		put(g.names, langs.locale(r.language), r.group_name);
		put(g.descriptions, langs.locale(r.language), r.description);
	}

	// Questions and subquestions: same row shape; 4+ texts in question_l10ns.
	const byQid = new Map<string, LsQuestion>();
	const toQuestion = (r: Row): LsQuestion => ({
		qid: r.qid,
		gid: r.gid,
		type: r.type ?? '',
		title: (r.title ?? '').trim(),
		other: r.other === 'Y',
		mandatory: r.mandatory ?? 'N',
		order: Number(r.question_order) || 0,
		relevance: (r.relevance ?? '').trim(),
		texts: {},
		help: {},
		subs: [],
		answers: [],
		attributes: {},
		easy: false
	});
	const subRows: Row[] = [];
	for (const r of [...rows(doc, 'questions'), ...rows(doc, 'subquestions')]) {
		if (r.parent_qid && r.parent_qid !== '0') {
			subRows.push(r);
			continue;
		}
		const q = byQid.get(r.qid) ?? toQuestion(r);
		if (r.language !== undefined) {
			put(q.texts, langs.locale(r.language), r.question);
			put(q.help, langs.locale(r.language), r.help);
			if (r.language === EASY) q.easy = true;
		}
		byQid.set(r.qid, q);
	}
	const subByQid = new Map<string, LsQuestion>();
	for (const r of subRows) {
		const parent = byQid.get(r.parent_qid);
		if (!parent) continue;
		let s = subByQid.get(r.qid);
		if (!s) {
			s = { ...toQuestion(r), scaleId: Number(r.scale_id) || 0 } as LsQuestion;
			subByQid.set(r.qid, s);
			parent.subs.push(s);
		}
		if (r.language !== undefined) put(s.texts, langs.locale(r.language), r.question);
	}
	for (const r of rows(doc, 'question_l10ns')) {
		const q = byQid.get(r.qid) ?? subByQid.get(r.qid);
		if (!q) continue;
		put(q.texts, langs.locale(r.language), r.question);
		put(q.help, langs.locale(r.language), r.help);
		if (r.language === EASY) q.easy = true;
	}

	// Answer options: 3.x keyed by (qid, code, scale_id) with a language column; 4+ by aid + answer_l10ns.
	const answerByAid = new Map<string, LsAnswer>();
	const answerByKey = new Map<string, LsAnswer>();
	for (const r of rows(doc, 'answers')) {
		const q = byQid.get(r.qid);
		if (!q) continue;
		const key = `${r.qid}|${r.code}|${r.scale_id ?? '0'}`;
		let a = answerByKey.get(key);
		if (!a) {
			a = {
				code: (r.code ?? '').trim(),
				order: Number(r.sortorder) || 0,
				scale: Number(r.scale_id) || 0,
				texts: {}
			};
			answerByKey.set(key, a);
			q.answers.push(a);
		}
		if (r.aid) answerByAid.set(r.aid, a);
		if (r.language !== undefined) put(a.texts, langs.locale(r.language), r.answer);
	}
	for (const r of rows(doc, 'answer_l10ns'))
		put(answerByAid.get(r.aid)?.texts ?? {}, langs.locale(r.language), r.answer);

	for (const r of rows(doc, 'question_attributes')) {
		const q = byQid.get(r.qid);
		if (!q || !r.attribute) continue;
		// language-bound attributes: keep the base language's (or the first one seen)
		if (r.language && r.language !== baseLanguage && q.attributes[r.attribute] !== undefined) continue;
		q.attributes[r.attribute] = (r.value ?? '').trim();
	}

	const order = [...groups.values()].sort((a, b) => a.order - b.order);
	const rank = new Map(order.map((g, i) => [g.gid, i]));
	const questions = [...byQid.values()].sort(
		(a, b) => (rank.get(a.gid) ?? 1e9) - (rank.get(b.gid) ?? 1e9) || a.order - b.order
	);
	for (const q of questions) {
		q.subs.sort((a, b) => a.order - b.order);
		q.answers.sort((a, b) => a.scale - b.scale || a.order - b.order);
	}
	return {
		ok: true,
		value: {
			dbVersion,
			baseLanguage,
			langs,
			settings,
			groups: order,
			questions,
			conditions: rows(doc, 'conditions')
		}
	};
}

// ---------------------------------------------------------------------------------------------------
// Mapping

/** German first: the file's German, else its base language's text (listed), else the fallback. */
function text(texts: Texts, fallback: string, base: Locale | undefined): QuestionText {
	const out: Record<string, string> = {};
	for (const [l, t] of Object.entries(texts)) if (t) out[l] = t.slice(0, 4000);
	if (!out.de) out.de = (base && out[base]) || fallback;
	return out as QuestionText;
}

function optionsOf(list: { code: string; texts: Texts }[], base: Locale | undefined): QuestionOption[] {
	return list.map((o) => ({ code: o.code, label: text(o.texts, o.code, base) }));
}

/** Piping: LimeSurvey {Q1} / {Q1.shown} → {{Q1}} for known questions. */
function pipe(t: QuestionText, keys: Set<string>): QuestionText {
	const out: Record<string, string | undefined> = {};
	for (const [l, v] of Object.entries(t))
		out[l] =
			typeof v === 'string'
				? v.replace(/\{([A-Za-z][A-Za-z0-9_]*)(?:\.(?:shown|NAOK|value))?\}/g, (m, k: string) =>
						keys.has(k) ? `{{${k}}}` : m
					)
				: v;
	return out as QuestionText;
}

function num(v: string | undefined): number | undefined {
	if (v === undefined || v.trim() === '') return undefined;
	const n = Number(v.replace(',', '.'));
	return Number.isFinite(n) ? n : undefined;
}

function isoDate(v: string | undefined): string | undefined {
	const m = v?.match(/^(\d{4}-\d{2}-\d{2})/);
	return m ? m[1] : undefined;
}

interface Ctx {
	base: Locale | undefined;
	notes: LssNote[];
}

function mapQuestion(q: LsQuestion, key: string, ctx: Ctx): Question[] | null {
	const note = (reason: string, detail?: string) =>
		ctx.notes.push({ code: q.title, reason, ...(detail ? { detail } : {}) });
	const common = {
		key,
		text: text(q.texts, q.title, ctx.base),
		...(Object.keys(q.help).length ? { help: { de: '', ...text(q.help, '', ctx.base) } } : {}),
		required: q.mandatory === 'Y'
	};
	if (q.mandatory === 'S') note('lss.softMandatory');
	const scale0 = q.answers.filter((a) => a.scale === 0);
	const rows0 = q.subs.filter((s) => ((s as LsQuestion & { scaleId?: number }).scaleId ?? 0) === 0);
	switch (q.type) {
		case 'L':
		case '!':
		case 'O': {
			if (!scale0.length) return (note('lss.noOptions'), null);
			const main: Question = {
				...common,
				type: 'single_choice',
				display: q.type === '!' ? 'dropdown' : 'radio',
				options: optionsOf(scale0, ctx.base),
				other: q.other && q.type !== 'O'
			};
			if (q.type !== 'O') return [main];
			// "List with comment": the comment becomes an optional long text right after.
			note('lss.commentSeparate', `${key}_comment`);
			return [
				main,
				{
					key: `${key}_comment`,
					type: 'long_text',
					text: { ...COMMENT_LABEL },
					required: false,
					condition: { combinator: 'and', clauses: [{ question: key, op: 'answered' }] }
				}
			];
		}
		case 'M':
		case 'P': {
			if (!q.subs.length) return (note('lss.noOptions'), null);
			if (q.type === 'P') note('lss.optionComments');
			const min = num(q.attributes.min_answers);
			const max = num(q.attributes.max_answers);
			return [
				{
					...common,
					type: 'multiple_choice',
					options: optionsOf(
						q.subs.map((s) => ({ code: s.title, texts: s.texts })),
						ctx.base
					),
					other: q.other,
					...(min !== undefined && min >= 0 ? { min: Math.trunc(min) } : {}),
					...(max !== undefined && max >= 1 ? { max: Math.trunc(max) } : {})
				}
			];
		}
		case 'S':
		case 'T':
		case 'U': {
			const maxLength = num(q.attributes.maximum_chars);
			return [
				{
					...common,
					type: q.type === 'S' ? 'short_text' : 'long_text',
					...(maxLength && maxLength >= 1 ? { maxLength: Math.min(20000, Math.trunc(maxLength)) } : {})
				}
			];
		}
		case 'N': {
			const min = num(q.attributes.min_num_value_n);
			const max = num(q.attributes.max_num_value_n);
			return [
				{
					...common,
					type: 'number',
					integer: q.attributes.num_value_int_only === '1',
					...(min !== undefined ? { min } : {}),
					...(max !== undefined ? { max } : {})
				}
			];
		}
		case 'D': {
			const min = isoDate(q.attributes.date_min);
			const max = isoDate(q.attributes.date_max);
			if ((q.attributes.date_min && !min) || (q.attributes.date_max && !max)) note('lss.dateExpression');
			return [{ ...common, type: 'date', ...(min ? { min } : {}), ...(max ? { max } : {}) }];
		}
		case '5':
			return [{ ...common, type: 'scale', min: 1, max: 5, noAnswer: false }];
		case 'Y':
			return [{ ...common, type: 'yes_no' }];
		case 'X':
			return [{ ...common, type: 'info', required: false }];
		case '|': {
			const types = (q.attributes.allowed_filetypes ?? 'png, gif, jpg, pdf').toLowerCase();
			const accept: ('image' | 'pdf')[] = [];
			if (/\b(png|gif|jpe?g|webp)\b/.test(types)) accept.push('image');
			if (/\bpdf\b/.test(types)) accept.push('pdf');
			if (/\b(doc|docx|odt|xls|xlsx|txt|zip|rtf)\b/.test(types)) note('lss.fileTypes', types);
			const kb = num(q.attributes.max_filesize);
			const files = num(q.attributes.max_num_of_files) ?? 1;
			if (files > MAX_FILES) note('lss.maxFiles', String(files));
			return [
				{
					...common,
					type: 'file',
					accept: accept.length ? accept : ['image', 'pdf'],
					maxBytes: Math.min(MAX_FILE_BYTES, Math.max(1, Math.round((kb ?? 5000) * 1024))),
					maxFiles: Math.min(MAX_FILES, Math.max(1, Math.round(files)))
				}
			];
		}
		case 'R':
			if (scale0.length < 2) return (note('lss.noOptions'), null);
			return [{ ...common, type: 'ranking', options: optionsOf(scale0, ctx.base) }];
		case 'F':
		case 'H':
		case 'A':
		case 'B':
		case 'C':
		case 'E': {
			if (!rows0.length) return (note('lss.noOptions'), null);
			let columns: QuestionOption[];
			if (q.type === 'F' || q.type === 'H') columns = optionsOf(scale0, ctx.base);
			else if (q.type === 'A' || q.type === 'B')
				columns = Array.from({ length: q.type === 'A' ? 5 : 10 }, (_, i) => ({
					code: String(i + 1),
					label: { de: String(i + 1) }
				}));
			else columns = SCALE_LABELS[q.type].map(([code, label]) => ({ code, label: { ...label } }));
			if (columns.length < 2) return (note('lss.noOptions'), null);
			if (q.type === 'H') note('lss.matrixByColumn');
			return [
				{
					...common,
					type: 'matrix',
					rows: optionsOf(
						rows0.map((s) => ({ code: s.title, texts: s.texts })),
						ctx.base
					),
					columns
				}
			];
		}
		default:
			note('lss.type', UNSUPPORTED[q.type] ?? q.type);
			return null;
	}
}

// ---------------------------------------------------------------------------------------------------
// Conditions: the <conditions> table and simple relevance equations

type Node = ConditionClause | Condition;

function negate(n: Node): Node | null {
	if ('clauses' in n) {
		const clauses = n.clauses.map(negate);
		if (clauses.some((c) => c === null)) return null;
		return { combinator: n.combinator === 'and' ? 'or' : 'and', clauses: clauses as Node[] };
	}
	const flip: Partial<Record<ConditionClause['op'], ConditionClause['op']>> = {
		equals: 'not_equals',
		not_equals: 'equals',
		answered: 'not_answered',
		not_answered: 'answered'
	};
	const op = flip[n.op];
	return op ? { ...n, op } : null;
}

function combine(combinator: 'and' | 'or', nodes: Node[]): Node {
	if (nodes.length === 1) return nodes[0];
	const flat: Node[] = [];
	for (const n of nodes) {
		if ('clauses' in n && n.combinator === combinator) flat.push(...n.clauses);
		else flat.push(n);
	}
	return { combinator, clauses: flat };
}

function asCondition(n: Node): Condition {
	return 'clauses' in n ? n : { combinator: 'and', clauses: [n] };
}

/** Resolves a LimeSurvey variable (Q1, Q1.NAOK, Q2_SQ001) against the questions mapped so far. */
type Resolve = (name: string) => { question: Question; sub?: string } | null;

function clauseFor(
	target: { question: Question; sub?: string },
	op: string,
	value: string | number | null
): ConditionClause | null {
	const q = target.question;
	const key = q.key;
	const ops: Record<string, ConditionClause['op']> = {
		'==': 'equals',
		eq: 'equals',
		'!=': 'not_equals',
		ne: 'not_equals',
		'<': 'lt',
		lt: 'lt',
		'>': 'gt',
		gt: 'gt'
	};
	if (target.sub !== undefined) {
		// multiple choice option ticked: Q2_SQ001 == "Y"
		if (q.type === 'multiple_choice' && (op === '==' || op === 'eq') && value === 'Y')
			return q.options.some((o) => o.code === target.sub)
				? { question: key, op: 'includes', value: target.sub }
				: null;
		return null;
	}
	if (value === '' && (op === '==' || op === 'eq')) return { question: key, op: 'not_answered' };
	if (value === '' && (op === '!=' || op === 'ne')) return { question: key, op: 'answered' };
	const mapped = ops[op];
	if (!mapped || value === null) return null;
	if (q.type === 'single_choice') {
		if (mapped !== 'equals' && mapped !== 'not_equals') return null;
		return q.options.some((o) => o.code === String(value))
			? { question: key, op: mapped, value: String(value) }
			: null;
	}
	if (q.type === 'yes_no') {
		if (mapped !== 'equals' && mapped !== 'not_equals') return null;
		// the engine compares yes/no answers as 'yes' / 'no' (conditions.ts answerTokens)
		return value === 'Y' || value === 'N'
			? { question: key, op: mapped, value: value === 'Y' ? 'yes' : 'no' }
			: null;
	}
	if (q.type === 'number' || q.type === 'scale') {
		const n = typeof value === 'number' ? value : Number(value);
		return Number.isFinite(n) ? { question: key, op: mapped, value: n } : null;
	}
	if (q.type === 'short_text' || q.type === 'long_text')
		return mapped === 'equals' || mapped === 'not_equals'
			? { question: key, op: mapped, value: String(value) }
			: null;
	return null;
}

type Token = { t: 'id' | 'str' | 'num' | 'op' | '(' | ')' | ','; v: string };

function tokenize(src: string): Token[] | null {
	const out: Token[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '(' || c === ')' || c === ',') {
			out.push({ t: c, v: c });
			i++;
			continue;
		}
		if (c === '"' || c === "'") {
			const end = src.indexOf(c, i + 1);
			if (end < 0) return null;
			out.push({ t: 'str', v: src.slice(i + 1, end) });
			i = end + 1;
			continue;
		}
		const two = src.slice(i, i + 2);
		if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
			out.push({ t: 'op', v: two });
			i += 2;
			continue;
		}
		if ('<>!'.includes(c)) {
			out.push({ t: 'op', v: c });
			i++;
			continue;
		}
		const n = src.slice(i).match(/^-?\d+(\.\d+)?/);
		if (n) {
			out.push({ t: 'num', v: n[0] });
			i += n[0].length;
			continue;
		}
		const id = src.slice(i).match(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z]+)?/);
		if (id) {
			const w = id[0];
			if (['and', 'or', 'eq', 'ne', 'lt', 'gt', 'le', 'ge'].includes(w.toLowerCase()))
				out.push({ t: 'op', v: w.toLowerCase() });
			else out.push({ t: 'id', v: w });
			i += w.length;
			continue;
		}
		return null;
	}
	return out;
}

/** Parses a relevance equation into a condition; null when it uses anything beyond the simple forms. */
export function parseRelevance(src: string, resolve: Resolve): Condition | null {
	const tokens = tokenize(src);
	if (!tokens || !tokens.length) return null;
	let p = 0;
	const peek = () => tokens[p];
	const fail = (): never => {
		throw new Error('unmapped');
	};
	const variable = (name: string) => resolve(name.replace(/\.(NAOK|value|code|shown)$/, '')) ?? fail();
	const literal = (tok: Token | undefined): string | number => {
		if (tok?.t === 'str') return tok.v;
		if (tok?.t === 'num') return Number(tok.v);
		return fail();
	};
	const orExpr = (): Node => {
		const list = [andExpr()];
		while (peek()?.t === 'op' && (peek().v === 'or' || peek().v === '||')) {
			p++;
			list.push(andExpr());
		}
		return combine('or', list);
	};
	const andExpr = (): Node => {
		const list = [unary()];
		while (peek()?.t === 'op' && (peek().v === 'and' || peek().v === '&&')) {
			p++;
			list.push(unary());
		}
		return combine('and', list);
	};
	const unary = (): Node => {
		if (peek()?.t === 'op' && peek().v === '!') {
			p++;
			return negate(unary()) ?? fail();
		}
		return primary();
	};
	const primary = (): Node => {
		const tok = tokens[p++] ?? fail();
		if (tok.t === '(') {
			const inner = orExpr();
			if (tokens[p++]?.t !== ')') fail();
			return inner;
		}
		if (tok.t === 'id' && tok.v === 'is_empty' && peek()?.t === '(') {
			p++;
			const arg = tokens[p++];
			if (arg?.t !== 'id' || tokens[p++]?.t !== ')') fail();
			const target = variable(arg!.v);
			if (target.sub !== undefined) fail();
			return { question: target.question.key, op: 'not_answered' };
		}
		const opTok = tokens[p++];
		if (opTok?.t !== 'op') fail();
		if (tok.t === 'id') {
			const value = literal(tokens[p++]);
			return clauseFor(variable(tok.v), opTok!.v, value) ?? fail();
		}
		// "A1" == Q1 (literal first)
		const value = literal(tok);
		const id = tokens[p++];
		if (id?.t !== 'id') fail();
		const mirrored: Record<string, string> = { '<': '>', '>': '<', lt: 'gt', gt: 'lt' };
		return clauseFor(variable(id!.v), mirrored[opTok!.v] ?? opTok!.v, value) ?? fail();
	};
	try {
		const node = orExpr();
		if (p !== tokens.length) return null;
		return asCondition(node);
	} catch {
		return null;
	}
}

/** The <conditions> rows of one question: scenarios OR-ed; in a scenario, one field OR-ed, fields AND-ed. */
function fromConditionRows(rowsOfQ: Row[], byQid: Map<string, Question>): Condition | null {
	const scenarios = new Map<string, Map<string, Node[]>>();
	for (const r of rowsOfQ) {
		const target = byQid.get(r.cqid);
		if (!target) return null;
		const m = (r.cfieldname ?? '').match(/^(\+?)\d+X\d+X(\d+)(.*)$/);
		if (!m || m[2] !== r.cqid) return null;
		let clause: ConditionClause | null;
		if (m[1] === '+') clause = clauseFor({ question: target, sub: r.value }, '==', 'Y');
		else if (m[3]) clause = clauseFor({ question: target, sub: m[3] }, r.method, r.value ?? '');
		else clause = clauseFor({ question: target }, r.method, r.value ?? '');
		if (!clause) return null;
		const s = scenarios.get(r.scenario || '1') ?? new Map<string, Node[]>();
		s.set(r.cfieldname, [...(s.get(r.cfieldname) ?? []), clause]);
		scenarios.set(r.scenario || '1', s);
	}
	const ors = [...scenarios.values()].map((fields) =>
		combine(
			'and',
			[...fields.values()].map((alts) => combine('or', alts))
		)
	);
	return ors.length ? asCondition(combine('or', ors)) : null;
}

function trivial(relevance: string): boolean {
	return relevance === '' || relevance === '1' || relevance === '(1)';
}

// ---------------------------------------------------------------------------------------------------

/** Reads a .lss file's text and maps it; the result is a valid definition or an error key. */
export function importLss(xml: string): LssResult {
	const parsed = parseDocument(xml);
	if (!parsed.ok) return parsed;
	const { langs, questions, groups, conditions, settings, dbVersion, baseLanguage } = parsed.value;
	const notes: LssNote[] = [];
	for (const l of langs.ignored) notes.push({ code: l, reason: 'lss.language' });
	const base = langs.locale(baseLanguage) ?? [...langs.take.values()][0];
	const ctx: Ctx = { base, notes };
	if (!langs.take.size) return { ok: false, error: 'lss.error.noLanguage' };
	if (![...langs.take.values()].includes('de') && base)
		notes.push({ code: baseLanguage, reason: 'lss.noGerman' });
	if (!questions.length) return { ok: false, error: 'lss.error.noQuestions' };

	const condByQid = new Map<string, Row[]>();
	for (const r of conditions) condByQid.set(r.qid, [...(condByQid.get(r.qid) ?? []), r]);

	let def: QuestionnaireDefinition = { version: 1, questions: [] };
	const mapped: LssImport['mapped'] = [];
	const byQid = new Map<string, Question>();
	const byTitle = new Map<string, Question>();
	const groupSummary: LssImport['groups'] = [];
	const resolve: Resolve = (name) => {
		const q = byTitle.get(name);
		if (q) return { question: q };
		const i = name.indexOf('_');
		if (i > 0) {
			const parent = byTitle.get(name.slice(0, i));
			if (parent) return { question: parent, sub: name.slice(i + 1) };
		}
		return null;
	};
	const push = (q: Question) => (def = { ...def, questions: [...def.questions, q] });

	for (const g of groups) {
		const groupQuestions = questions.filter((q) => q.gid === g.gid);
		const title = text(g.names, `Gruppe ${groupSummary.length + 1}`, base);
		const titleDe = title.de ?? '';
		groupSummary.push({ title: titleDe, questions: groupQuestions.length });
		// Every group starts a page; its name is the page title, its relevance the page's condition.
		const page: Question = { key: freshKey(def, 'SEITE'), type: 'page_break', text: title, required: false };
		if (!trivial(g.relevance)) {
			const c = parseRelevance(g.relevance, resolve);
			if (c) page.condition = c;
			else notes.push({ code: titleDe, reason: 'lss.relevance', detail: g.relevance.slice(0, 200) });
		}
		push(page);
		if (Object.keys(g.descriptions).length)
			push({
				key: freshKey(def, 'INFO'),
				type: 'info',
				text: text(g.descriptions, titleDe, base),
				required: false
			});

		for (const lq of groupQuestions) {
			let key = lq.title;
			if (
				!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key) ||
				def.questions.some((q) => q.key.toLowerCase() === key.toLowerCase())
			) {
				const fresh = freshKey(def, key || 'F', true);
				notes.push({ code: lq.title, reason: 'lss.keyChanged', detail: fresh });
				key = fresh;
			}
			const out = mapQuestion(lq, key, ctx);
			if (!out) continue;
			const [main, ...extra] = out;
			// conditions: the table first (LimeSurvey 3 keeps them there), else the relevance equation
			const condRows = condByQid.get(lq.qid);
			if (condRows?.length) {
				const c = fromConditionRows(condRows, byQid);
				if (c) main.condition = c;
				else notes.push({ code: lq.title, reason: 'lss.condition', detail: lq.relevance.slice(0, 200) });
			} else if (!trivial(lq.relevance)) {
				const c = parseRelevance(lq.relevance, resolve);
				if (c) main.condition = c;
				else notes.push({ code: lq.title, reason: 'lss.relevance', detail: lq.relevance.slice(0, 200) });
			}
			const known = new Set(byTitle.keys());
			main.text = pipe(main.text, known);
			push(main);
			for (const e of extra) push(e);
			byQid.set(lq.qid, main);
			byTitle.set(lq.title, main);
			mapped.push({ key: main.key, from: lq.type, to: main.type });
		}
	}
	// Piping of unknown variables stays as typed and is listed.
	for (const q of def.questions)
		if (/\{[A-Za-z][^{}]*\}/.test((q.text.de ?? '').replace(/\{\{[A-Za-z0-9_]+\}\}/g, '')))
			notes.push({ code: q.key, reason: 'lss.expression' });
	// A condition must name an earlier question (LimeSurvey allows no other either, but files vary).
	const seen = new Set<string>();
	for (const q of def.questions) {
		if (q.condition && conditionKeys(q.condition).some((k) => !seen.has(k))) {
			delete q.condition;
			notes.push({ code: q.key, reason: 'lss.condition' });
		}
		if (pipedKeys(q).some((k) => !seen.has(k))) notes.push({ code: q.key, reason: 'lss.expression' });
		seen.add(q.key);
	}

	const checked = questionnaireDefinition.safeParse(def);
	if (!checked.success)
		return { ok: false, error: 'lss.error.invalid', detail: checked.error.issues[0]?.path.join('.') };

	// Title and intro per language (surveys_languagesettings).
	const translations: LssImport['translations'] = {};
	let title = '';
	let intro = '';
	let introEasy = '';
	let baseTitle = '';
	let baseIntro = '';
	for (const s of settings) {
		const code = s.surveyls_language ?? '';
		const t = htmlToText(s.surveyls_title ?? '');
		const i = htmlToText([s.surveyls_description, s.surveyls_welcometext].filter(Boolean).join('\n\n'));
		if (code === EASY) {
			introEasy = i;
			continue;
		}
		const l = langs.locale(code);
		if (!l) continue;
		if (l === base) {
			baseTitle = t;
			baseIntro = i;
		}
		if (l === 'de') {
			title = t;
			intro = i;
		} else translations[l] = { ...(t ? { title: t } : {}), ...(i ? { intro: i } : {}) };
	}
	title = (title || baseTitle || 'LimeSurvey-Import').slice(0, 200);
	intro = intro || baseIntro;

	const languages = [...new Set(['de' as Locale, ...langs.take.values()])];
	return {
		ok: true,
		value: {
			title,
			intro,
			introEasy,
			translations,
			dbVersion,
			languages,
			definition: checked.data,
			groups: groupSummary,
			mapped,
			notMapped: notes
		}
	};
}
