// Parsing the consultation form (create and edit) into a typed input, with error keys per field.
// Multi-value fields (areas, modules) and the phase rows are read from FormData directly; every
// text is plain text (shown escaped, never as HTML).
import { z } from 'zod';
import type { FormValues } from '../../consultations/types';
import { zodFieldErrors } from '../core';
import { registry } from '../participation/registry';
import { PARTICIPATION_LEVELS, type ParticipationLevel } from './queries';
import { SLUG_PATTERN, slugify, validatePhases, type PhaseInput } from './rules';

export const MAX_PHASE_ROWS = 12;
export const MAX_CATEGORIES = 30;

export interface ConsultationInput {
	title: string;
	slug: string;
	summary: string;
	description: string;
	participationLevel: ParticipationLevel;
	canInfluence: string;
	alreadyDecided: string;
	outcomePlan: string;
	contactName: string;
	contactEmail: string | null;
	contactPhone: string | null;
	/** yyyy-mm-dd */
	startsOn: string | null;
	endsOn: string | null;
	areaIds: string[];
	categories: string[];
	phases: PhaseInput[];
	allowAnonymous: boolean;
	preModeration: boolean;
	requireConfirmedEmail: boolean;
	modules: string[];
	autoHideAfterReports: number;
	imageAlt: string | null;
}

/** What the form shows (again): strings and lists, never a File (shared with the form component). */
export type ConsultationFormValues = FormValues;

export function emptyFormValues(): ConsultationFormValues {
	return {
		title: '',
		slug: '',
		summary: '',
		description: '',
		participationLevel: '',
		canInfluence: '',
		alreadyDecided: '',
		outcomePlan: '',
		contactName: '',
		contactEmail: '',
		contactPhone: '',
		startsOn: '',
		endsOn: '',
		areaIds: [],
		categories: '',
		phases: [],
		allowAnonymous: false,
		preModeration: false,
		requireConfirmedEmail: false,
		modules: ['map_comments'],
		autoHideAfterReports: '3',
		imageAlt: ''
	};
}

const text = (max: number) => z.string().trim().max(max, 'consultations.error.too_long');
const optionalDate = z
	.string()
	.trim()
	.refine(
		(v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))),
		'consultations.error.date'
	)
	.transform((v) => (v === '' ? null : v));

const fieldsSchema = z.object({
	title: text(200).min(3, 'consultations.error.title'),
	slug: z.string().trim().toLowerCase().max(80, 'consultations.error.too_long'),
	summary: text(500),
	description: text(20000),
	participationLevel: z.enum(PARTICIPATION_LEVELS, { message: 'consultations.error.level' }),
	canInfluence: text(4000),
	alreadyDecided: text(4000),
	outcomePlan: text(4000),
	contactName: text(200).min(2, 'consultations.error.contact_name'),
	contactEmail: z
		.string()
		.trim()
		.refine((v) => v === '' || z.email().safeParse(v).success, 'consultations.error.email')
		.transform((v) => (v === '' ? null : v)),
	contactPhone: z
		.string()
		.trim()
		.refine((v) => v === '' || /^[0-9+()/ -]{3,40}$/.test(v), 'consultations.error.phone')
		.transform((v) => (v === '' ? null : v)),
	startsOn: optionalDate,
	endsOn: optionalDate,
	autoHideAfterReports: z.coerce
		.number({ message: 'consultations.error.auto_hide' })
		.int('consultations.error.auto_hide')
		.min(1, 'consultations.error.auto_hide')
		.max(100, 'consultations.error.auto_hide'),
	imageAlt: text(300)
});
const get = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** The form's values as strings and lists (to show again after an error). */
export function readFormValues(form: FormData): ConsultationFormValues {
	const phases: ConsultationFormValues['phases'] = [];
	for (let i = 0; i < MAX_PHASE_ROWS; i++) {
		const row = {
			name: get(form, `phase_name_${i}`),
			description: get(form, `phase_description_${i}`),
			startsOn: get(form, `phase_starts_${i}`),
			endsOn: get(form, `phase_ends_${i}`)
		};
		if (row.name.trim() || row.description.trim() || row.startsOn || row.endsOn) phases.push(row);
	}
	return {
		title: get(form, 'title'),
		slug: get(form, 'slug'),
		summary: get(form, 'summary'),
		description: get(form, 'description'),
		participationLevel: get(form, 'participationLevel'),
		canInfluence: get(form, 'canInfluence'),
		alreadyDecided: get(form, 'alreadyDecided'),
		outcomePlan: get(form, 'outcomePlan'),
		contactName: get(form, 'contactName'),
		contactEmail: get(form, 'contactEmail'),
		contactPhone: get(form, 'contactPhone'),
		startsOn: get(form, 'startsOn'),
		endsOn: get(form, 'endsOn'),
		areaIds: form.getAll('areaIds').filter((v): v is string => typeof v === 'string'),
		categories: get(form, 'categories'),
		phases,
		allowAnonymous: get(form, 'allowAnonymous') === 'on',
		preModeration: get(form, 'preModeration') === 'on',
		requireConfirmedEmail: get(form, 'requireConfirmedEmail') === 'on',
		modules: form.getAll('modules').filter((v): v is string => typeof v === 'string'),
		autoHideAfterReports: get(form, 'autoHideAfterReports') || '3',
		imageAlt: get(form, 'imageAlt')
	};
}

export type ConsultationFormParse =
	| { ok: true; data: ConsultationInput; values: ConsultationFormValues }
	| { ok: false; errors: Record<string, string>; values: ConsultationFormValues };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Errors are i18n keys (translate them in the route). */
export function parseConsultationForm(values: ConsultationFormValues): ConsultationFormParse {
	const parsed = fieldsSchema.safeParse(values);
	const errors: Record<string, string> = parsed.success ? {} : zodFieldErrors(parsed.error);
	// Checked outside the schema so it is reported together with other field errors.
	const start = values.startsOn.trim();
	const end = values.endsOn.trim();
	if (start && end && end <= start) errors.endsOn ??= 'consultations.error.end_before_start';
	const slug = values.slug.trim() ? values.slug.trim().toLowerCase() : slugify(values.title);
	if (!SLUG_PATTERN.test(slug) || slug.length > 80) errors.slug ??= 'consultations.error.slug';

	const areaIds = [...new Set(values.areaIds)];
	if (areaIds.length === 0 || !areaIds.every((id) => UUID.test(id)))
		errors.areaIds = 'consultations.error.areas';

	const categories = [
		...new Set(
			values.categories
				.split(/\r?\n/)
				.map((c) => c.trim())
				.filter(Boolean)
		)
	];
	if (categories.length > MAX_CATEGORIES || categories.some((c) => c.length > 80))
		errors.categories = 'consultations.error.categories';

	const phases: PhaseInput[] = values.phases.map((p) => ({
		name: p.name.trim().slice(0, 200),
		description: p.description.trim().slice(0, 2000),
		startsOn: /^\d{4}-\d{2}-\d{2}$/.test(p.startsOn) ? p.startsOn : null,
		endsOn: /^\d{4}-\d{2}-\d{2}$/.test(p.endsOn) ? p.endsOn : null
	}));
	const phaseErrors = validatePhases(phases);
	if (phaseErrors.length > 0)
		errors[`phase_${phaseErrors[0].index}`] = `consultations.error.${phaseErrors[0].code}`;

	const moduleKeys = registry.forConsultations().map((c) => c.key);
	const modules = values.modules.filter((m) => moduleKeys.includes(m));

	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
	const d = parsed.data;
	return {
		ok: true,
		values,
		data: {
			title: d.title,
			slug,
			summary: d.summary,
			description: d.description,
			participationLevel: d.participationLevel,
			canInfluence: d.canInfluence,
			alreadyDecided: d.alreadyDecided,
			outcomePlan: d.outcomePlan,
			contactName: d.contactName,
			contactEmail: d.contactEmail,
			contactPhone: d.contactPhone,
			startsOn: d.startsOn,
			endsOn: d.endsOn,
			areaIds,
			categories,
			phases,
			allowAnonymous: values.allowAnonymous,
			preModeration: values.preModeration,
			requireConfirmedEmail: values.requireConfirmedEmail,
			modules,
			autoHideAfterReports: d.autoHideAfterReports,
			imageAlt: d.imageAlt === '' ? null : d.imageAlt
		}
	};
}

/** The largest consultation image we accept. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export { detectImageType } from '../uploads/images';
