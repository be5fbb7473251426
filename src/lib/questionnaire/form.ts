// Answers from a plain HTML form (FormData), so answering works without JavaScript. Field names:
//   q.KEY               single value (choice, text, number, date, scale, yes_no, area); repeated for
//                       multiple choice
//   q.KEY._other        the "Sonstiges" text
//   q.KEY.ROW           matrix: the column chosen for a row; ranking: the place of an option
//   q.KEY.geojson       map: the drawn geometries (JSON array, written by the map script)
//   q.KEY.area          map, non-map path: an area; q.KEY.describe: a description of the place
import { OTHER_CODE, type AnswerValue, type Answers, type Question } from './definition';
import type { AnswerError } from './validate';
import { parseMapGeometries } from './map-answer';

export interface FormLike {
	get(name: string): FormDataEntryValue | null;
	getAll(name: string): FormDataEntryValue[];
}

export interface ParsedForm {
	answers: Answers;
	/** What was typed where it could not be read (e.g. "zwölf" in a number field), to show again. */
	raw: Record<string, string>;
	/** Errors found while reading (not a number, not a date …). */
	errors: Record<string, AnswerError>;
}

export const fieldName = (key: string, part?: string) => (part ? `q.${key}.${part}` : `q.${key}`);

const str = (v: FormDataEntryValue | null | undefined): string => (typeof v === 'string' ? v : '');

/** Reads the answers of `questions` (those on the submitted page) from the form. */
export function parseAnswerForm(questions: readonly Question[], form: FormLike): ParsedForm {
	const answers: Answers = {};
	const raw: Record<string, string> = {};
	const errors: Record<string, AnswerError> = {};
	const set = (key: string, value: AnswerValue) => (answers[key] = value);
	for (const q of questions) {
		const name = fieldName(q.key);
		const value = str(form.get(name)).trim();
		switch (q.type) {
			case 'single_choice': {
				if (!value) break;
				const other = str(form.get(fieldName(q.key, OTHER_CODE))).trim();
				set(
					q.key,
					value === OTHER_CODE ? { type: q.type, choice: value, other } : { type: q.type, choice: value }
				);
				break;
			}
			case 'multiple_choice': {
				const choices = [...new Set(form.getAll(name).map(str).filter(Boolean))];
				const other = str(form.get(fieldName(q.key, OTHER_CODE))).trim();
				if (choices.length === 0 && !other) break;
				// Typing a "Sonstiges" text ticks "Sonstiges".
				if (other && q.other && !choices.includes(OTHER_CODE)) choices.push(OTHER_CODE);
				set(
					q.key,
					choices.includes(OTHER_CODE) ? { type: q.type, choices, other } : { type: q.type, choices }
				);
				break;
			}
			case 'short_text':
			case 'long_text': {
				const text = str(form.get(name)).replace(/\r\n/g, '\n').trim();
				if (text) set(q.key, { type: q.type, text });
				break;
			}
			case 'number': {
				if (!value) break;
				// German decimal comma; thousands dots are not guessed
				const n = Number(value.replace(/\s/g, '').replace(',', '.'));
				if (Number.isFinite(n) && /^[+-]?\d*[.,]?\d+$/.test(value.replace(/\s/g, '')))
					set(q.key, { type: q.type, number: n });
				else {
					raw[q.key] = value;
					errors[q.key] = { key: 'surveys.validation.number' };
				}
				break;
			}
			case 'date': {
				if (!value) break;
				if (/^\d{4}-\d{2}-\d{2}$/.test(value)) set(q.key, { type: q.type, date: value });
				else {
					raw[q.key] = value;
					errors[q.key] = { key: 'surveys.validation.date' };
				}
				break;
			}
			case 'scale': {
				if (!value) break;
				if (value === 'na') set(q.key, { type: q.type, value: null });
				else if (/^\d{1,2}$/.test(value)) set(q.key, { type: q.type, value: Number(value) });
				else errors[q.key] = { key: 'surveys.validation.invalid' };
				break;
			}
			case 'matrix': {
				const rows: Record<string, string> = {};
				for (const r of q.rows) {
					const c = str(form.get(fieldName(q.key, r.code))).trim();
					if (c) rows[r.code] = c;
				}
				if (Object.keys(rows).length) set(q.key, { type: q.type, rows });
				break;
			}
			case 'ranking': {
				const placed: { code: string; place: number }[] = [];
				for (const o of q.options) {
					const p = str(form.get(fieldName(q.key, o.code))).trim();
					if (p && /^\d{1,3}$/.test(p)) placed.push({ code: o.code, place: Number(p) });
				}
				if (placed.length === 0) break;
				if (new Set(placed.map((p) => p.place)).size !== placed.length) {
					errors[q.key] = { key: 'surveys.validation.rankingDuplicate' };
					for (const p of placed) raw[fieldName(q.key, p.code)] = String(p.place);
					break;
				}
				placed.sort((x, y) => x.place - y.place);
				set(q.key, { type: q.type, order: placed.map((p) => p.code) });
				break;
			}
			case 'yes_no': {
				if (value === 'yes' || value === 'no') set(q.key, { type: q.type, yes: value === 'yes' });
				break;
			}
			case 'area': {
				if (value) set(q.key, { type: q.type, areaId: value });
				break;
			}
			case 'map': {
				// validated here (shape, 2D, Germany, size limits); inside the city: on the server
				const parsedMap = parseMapGeometries(str(form.get(fieldName(q.key, 'geojson'))));
				if (!parsedMap.ok) {
					errors[q.key] = parsedMap.error;
					raw[fieldName(q.key, 'geojson')] = '';
					break;
				}
				const geometries: GeoJSON.Geometry[] = parsedMap.geometries;
				const areaId = str(form.get(fieldName(q.key, 'area'))).trim();
				const description = str(form.get(fieldName(q.key, 'describe'))).trim();
				if (geometries.length || areaId || description)
					set(q.key, {
						type: q.type,
						geometries,
						...(areaId ? { areaId } : {}),
						...(description ? { description } : {})
					});
				break;
			}
			// file: uploaded by the server route (content-checked), not read from the form here
			default:
				break;
		}
	}
	return { answers, raw, errors };
}
