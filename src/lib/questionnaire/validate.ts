// Answer validation per question type. Returns an i18n key (surveys.validation.*) with its params.
import { isAnswered } from './conditions';
import { OTHER_CODE, type AnswerValue, type Answers, type Question } from './definition';

export interface AnswerError {
	key: string;
	params?: Record<string, string | number>;
}

export interface ValidationContext {
	/** Area ids allowed for area/map answers (the level's areas); unset: not checked here. */
	areaIds?: ReadonlySet<string>;
}

const V = 'surveys.validation.';
const err = (name: string, params?: Record<string, string | number>): AnswerError =>
	params ? { key: V + name, params } : { key: V + name };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTCODE = /^\d{5}$/;
const PHONE = /^\+?[0-9][0-9 ()/-]{4,}[0-9]$/;
const GEOMETRY_TYPES = { point: 'Point', line: 'LineString', polygon: 'Polygon' } as const;

function isIsoDate(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** null when the answer is fine (or absent and not required). */
export function validateAnswer(
	q: Question,
	a: AnswerValue | undefined,
	ctx: ValidationContext = {}
): AnswerError | null {
	if (q.type === 'info' || q.type === 'page_break') return null;
	if (!isAnswered(a)) return q.required ? err('required') : null;
	// short_text and long_text share one answer shape
	const shapes: string[] =
		q.type === 'short_text' || q.type === 'long_text' ? ['short_text', 'long_text'] : [q.type];
	if (!a || !shapes.includes(a.type)) return err('invalid');
	switch (q.type) {
		case 'single_choice': {
			const v = a as Extract<AnswerValue, { type: 'single_choice' }>;
			if (v.choice === OTHER_CODE) {
				if (!q.other) return err('invalid');
				return v.other?.trim() ? null : err('otherText');
			}
			return q.options.some((o) => o.code === v.choice) ? null : err('invalid');
		}
		case 'multiple_choice': {
			const v = a as Extract<AnswerValue, { type: 'multiple_choice' }>;
			for (const c of v.choices) {
				if (c === OTHER_CODE ? !q.other : !q.options.some((o) => o.code === c)) return err('invalid');
			}
			if (new Set(v.choices).size !== v.choices.length) return err('invalid');
			if (v.choices.includes(OTHER_CODE) && !v.other?.trim()) return err('otherText');
			if (q.min !== undefined && v.choices.length < q.min) return err('minChoices', { count: q.min });
			if (q.max !== undefined && v.choices.length > q.max) return err('maxChoices', { count: q.max });
			return null;
		}
		case 'short_text':
		case 'long_text': {
			const text = (a as Extract<AnswerValue, { text: string }>).text.trim();
			const max = q.maxLength ?? (q.type === 'short_text' ? 500 : 20000);
			if (q.minLength !== undefined && text.length < q.minLength)
				return err('minLength', { count: q.minLength });
			if (text.length > max) return err('maxLength', { count: max });
			if (q.format === 'email' && !EMAIL.test(text)) return err('email');
			if (q.format === 'postcode' && !POSTCODE.test(text)) return err('postcode');
			if (q.format === 'phone' && !PHONE.test(text)) return err('phone');
			return null;
		}
		case 'number': {
			const n = (a as Extract<AnswerValue, { type: 'number' }>).number;
			if (typeof n !== 'number' || !Number.isFinite(n)) return err('number');
			if (q.integer && !Number.isInteger(n)) return err('integer');
			if (q.min !== undefined && n < q.min) return err('min', { min: q.min });
			if (q.max !== undefined && n > q.max) return err('max', { max: q.max });
			return null;
		}
		case 'date': {
			const d = (a as Extract<AnswerValue, { type: 'date' }>).date;
			if (!isIsoDate(d)) return err('date');
			if (q.min && d < q.min) return err('dateMin', { min: q.min });
			if (q.max && d > q.max) return err('dateMax', { max: q.max });
			return null;
		}
		case 'scale': {
			const v = (a as Extract<AnswerValue, { type: 'scale' }>).value;
			if (v === null) return q.noAnswer ? null : err('invalid');
			return Number.isInteger(v) && v >= q.min && v <= q.max ? null : err('invalid');
		}
		case 'matrix': {
			const rows = (a as Extract<AnswerValue, { type: 'matrix' }>).rows;
			for (const [r, c] of Object.entries(rows)) {
				if (!q.rows.some((x) => x.code === r) || !q.columns.some((x) => x.code === c)) return err('invalid');
			}
			if (q.required && q.rows.some((r) => !rows[r.code])) return err('matrixRows');
			return null;
		}
		case 'ranking': {
			const order = (a as Extract<AnswerValue, { type: 'ranking' }>).order;
			const places = Math.min(q.places ?? q.options.length, q.options.length);
			if (new Set(order).size !== order.length) return err('rankingDuplicate');
			if (order.some((c) => !q.options.some((o) => o.code === c))) return err('invalid');
			if (order.length > places) return err('rankingPlaces', { count: places });
			if (q.required && order.length < places) return err('rankingPlaces', { count: places });
			return null;
		}
		case 'yes_no':
			return typeof (a as Extract<AnswerValue, { type: 'yes_no' }>).yes === 'boolean' ? null : err('invalid');
		case 'file': {
			const f = a as Extract<AnswerValue, { type: 'file' }>;
			if (!Array.isArray(f.files) || f.files.some((x) => !x.uploadId || !x.name)) return err('invalid');
			if (f.files.length > q.maxFiles) return err('fileCount', { count: q.maxFiles });
			return null;
		}
		case 'area': {
			const id = (a as Extract<AnswerValue, { type: 'area' }>).areaId;
			return ctx.areaIds && !ctx.areaIds.has(id) ? err('areaInvalid') : null;
		}
		case 'map': {
			const m = a as Extract<AnswerValue, { type: 'map' }>;
			if (m.geometries.length > q.maxFeatures) return err('maxFeatures', { count: q.maxFeatures });
			const allowed = new Set<string>(q.geometry.map((g) => GEOMETRY_TYPES[g]));
			if (m.geometries.some((g) => !allowed.has(g.type))) return err('invalid');
			if (m.areaId && ctx.areaIds && !ctx.areaIds.has(m.areaId)) return err('areaInvalid');
			if ((m.description?.length ?? 0) > 2000) return err('maxLength', { count: 2000 });
			return null;
		}
	}
	return null;
}

/** Errors of the given (visible) questions, by question key. */
export function validateAnswers(
	questions: readonly Question[],
	answers: Answers,
	ctx: ValidationContext = {}
): Record<string, AnswerError> {
	const errors: Record<string, AnswerError> = {};
	for (const q of questions) {
		const e = validateAnswer(q, answers[q.key], ctx);
		if (e) errors[q.key] = e;
	}
	return errors;
}
