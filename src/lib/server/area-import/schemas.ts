// The mapping form (one fieldset per level slot) and its zod schema → AreaImportMapping.
import { z } from 'zod';
import type { AreaImportMapping, LevelMapping, ParentLevelRef } from './types';

/** Tables may fill several levels at once (e.g. Prognoseraum ⊃ Bezirksregion ⊃ Planungsraum). */
export const TABLE_LEVEL_SLOTS = 4;
export const BOUNDARY_LEVEL_SLOTS = 1;

export const SLOT_FIELDS = [
	'level',
	'newName',
	'newRank',
	'key',
	'name',
	'parentMatch',
	'parentField',
	'parentLevel',
	'population',
	'populationYear'
] as const;
export type SlotField = (typeof SLOT_FIELDS)[number];

export const slotFieldName = (slot: number, field: SlotField) => `l${slot}_${field}`;

/** Form values as text, keyed by input name (echoed back into the form after an error). */
export type MappingFormValues = Record<string, string>;

export function mappingFormValues(form: FormData, slots: number): MappingFormValues {
	const values: MappingFormValues = { validFrom: String(form.get('validFrom') ?? '').trim() };
	for (let i = 0; i < slots; i++)
		for (const f of SLOT_FIELDS) {
			const name = slotFieldName(i, f);
			values[name] = String(form.get(name) ?? '').trim();
		}
	return values;
}

const msg = (key: string) => `areasImport.mapping.errors.${key}`;

const SlotSchema = z
	.object({
		level: z.string().max(200),
		newName: z.string().max(100),
		newRank: z.string().max(10),
		key: z.string().max(500),
		name: z.string().max(500),
		parentMatch: z.enum(['none', 'key', 'name', 'spatial', '']),
		parentField: z.string().max(500),
		parentLevel: z.string().max(200),
		population: z.string().max(500),
		populationYear: z.string().max(10)
	})
	.superRefine((s, ctx) => {
		if (s.level === '') return;
		if (s.level === 'new') {
			if (!s.newName) ctx.addIssue({ code: 'custom', path: ['newName'], message: msg('newNameRequired') });
			if (!/^\d{1,4}$/.test(s.newRank))
				ctx.addIssue({ code: 'custom', path: ['newRank'], message: msg('rank') });
		}
		if (!s.key && !s.name) ctx.addIssue({ code: 'custom', path: ['name'], message: msg('keyOrName') });
		if ((s.parentMatch === 'key' || s.parentMatch === 'name') && !s.parentField)
			ctx.addIssue({ code: 'custom', path: ['parentField'], message: msg('parentField') });
		if (s.parentMatch && s.parentMatch !== 'none' && !/^(file:\d+|existing:.+)$/.test(s.parentLevel))
			ctx.addIssue({ code: 'custom', path: ['parentLevel'], message: msg('parentLevel') });
		if (s.population && !/^\d{4}$/.test(s.populationYear))
			ctx.addIssue({ code: 'custom', path: ['populationYear'], message: msg('populationYear') });
	});

function parentLevelRef(value: string): ParentLevelRef {
	return value.startsWith('file:')
		? { kind: 'file', index: Number(value.slice(5)) }
		: { kind: 'existing', key: value.slice('existing:'.length) };
}

function toLevelMapping(s: z.infer<typeof SlotSchema>): LevelMapping {
	return {
		level:
			s.level === 'new'
				? { kind: 'new', name: s.newName, rank: Number(s.newRank) }
				: { kind: 'existing', key: s.level },
		keyField: s.key || null,
		nameField: s.name || null,
		parent:
			!s.parentMatch || s.parentMatch === 'none'
				? { match: 'none' }
				: s.parentMatch === 'spatial'
					? { match: 'spatial', level: parentLevelRef(s.parentLevel) }
					: { match: s.parentMatch, field: s.parentField, level: parentLevelRef(s.parentLevel) },
		populationField: s.population || null,
		populationYear: s.population ? Number(s.populationYear) : null
	};
}

export type MappingParse =
	{ ok: true; mapping: AreaImportMapping } | { ok: false; errors: Record<string, string> };

/** Errors are i18n keys, keyed by input name. Slot indexes in "file:N" refer to used slots only. */
export function parseMappingForm(values: MappingFormValues, slots: number): MappingParse {
	const errors: Record<string, string> = {};
	if (!/^\d{4}-\d{2}-\d{2}$/.test(values.validFrom ?? '')) errors.validFrom = msg('validFrom');
	const levels: LevelMapping[] = [];
	const slotToIndex = new Map<number, number>();
	for (let i = 0; i < slots; i++) {
		const raw = Object.fromEntries(SLOT_FIELDS.map((f) => [f, values[slotFieldName(i, f)] ?? '']));
		const parsed = SlotSchema.safeParse(raw);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const name = slotFieldName(i, String(issue.path[0] ?? 'level') as SlotField);
				errors[name] ??= issue.message.startsWith('areasImport.') ? issue.message : msg('invalid');
			}
			continue;
		}
		if (parsed.data.level === '') continue;
		const mapping = toLevelMapping(parsed.data);
		if ('level' in mapping.parent && mapping.parent.level.kind === 'file') {
			const index = slotToIndex.get(mapping.parent.level.index);
			if (index === undefined) {
				errors[slotFieldName(i, 'parentLevel')] = msg('parentLevel');
				continue;
			}
			mapping.parent.level.index = index;
		}
		slotToIndex.set(i, levels.length);
		levels.push(mapping);
	}
	if (levels.length === 0 && Object.keys(errors).length === 0)
		errors[slotFieldName(0, 'level')] = msg('noLevel');
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, mapping: { levels, validFrom: values.validFrom } };
}
