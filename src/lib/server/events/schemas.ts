// zod inputs of the events module; messages are i18n keys (events.errors.*).
import { z } from 'zod';
import { ACCESS_FACTS, EVENT_TYPES, POLL_ANSWERS } from '../../events/types';
import { parseBerlinLocal } from '../../events/time';

const E = 'events.errors.';
const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true' || v === '1');
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: `${E}tooLong` })
		.optional()
		.transform((v) => (v ? v : null));
const berlinTime = z.string({ error: `${E}timeRequired` }).transform((v, ctx) => {
	const d = parseBerlinLocal(v);
	if (!d) {
		ctx.addIssue({ code: 'custom', message: `${E}timeRequired` });
		return z.NEVER;
	}
	return d;
});
/** An empty field is "no time" (the event's date is still to be found); anything else must parse. */
const optionalBerlinTime = z
	.string()
	.optional()
	.transform((v, ctx) => {
		if (!v || !v.trim()) return null;
		const d = parseBerlinLocal(v);
		if (!d) {
			ctx.addIssue({ code: 'custom', message: `${E}timeRequired` });
			return z.NEVER;
		}
		return d;
	});
const number = (min: number, max: number) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const n = Number(v);
			if (!Number.isInteger(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: `${E}numberInvalid` });
				return z.NEVER;
			}
			return n;
		});

const eventFields = z.object({
	title: z
		.string()
		.trim()
		.min(3, { error: `${E}titleRequired` })
		.max(200, { error: `${E}tooLong` }),
	type: z.enum(EVENT_TYPES, { error: `${E}typeInvalid` }),
	description: z
		.string()
		.trim()
		.max(10000, { error: `${E}tooLong` })
		.default(''),
	agenda: z
		.string()
		.trim()
		.max(10000, { error: `${E}tooLong` })
		.default(''),
	address: optionalText(300),
	onlineUrl: z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			if (!/^https:\/\/[^\s]+$/.test(v) || v.length > 500) {
				ctx.addIssue({ code: 'custom', message: `${E}urlInvalid` });
				return z.NEVER;
			}
			return v;
		}),
	organiser: z
		.string()
		.trim()
		.max(300, { error: `${E}tooLong` })
		.default(''),
	coHosts: z
		.string()
		.trim()
		.max(1000, { error: `${E}tooLong` })
		.default(''),
	targetGroup: z
		.string()
		.trim()
		.max(500, { error: `${E}tooLong` })
		.default(''),
	interpreterLanguages: z
		.string()
		.trim()
		.max(300)
		.default('')
		.transform((v) =>
			v
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
		),
	capacity: number(1, 100000),
	deadlineHours: number(0, 24 * 60),
	startsAt: optionalBerlinTime,
	endsAt: optionalBerlinTime,
	/** no date yet: the organiser finds one with a date poll (fixing a slot creates the date) */
	dateOpen: checkbox,
	repeatUnit: z.enum(['none', 'week', 'month']).default('none'),
	repeatInterval: number(1, 24),
	repeatCount: number(1, 52),
	/** the registration questions, one checkbox each (see questions.ts; stored in a fixed order) */
	q_kinderbetreuung: checkbox,
	q_sprache: checkbox,
	q_barrierefreiheit: checkbox,
	q_wohngebiet: checkbox,
	point: z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(v);
			if (!m) {
				ctx.addIssue({ code: 'custom', message: `${E}pointInvalid` });
				return z.NEVER;
			}
			const lat = Number(m[1]);
			const lng = Number(m[2]);
			if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
				ctx.addIssue({ code: 'custom', message: `${E}pointInvalid` });
				return z.NEVER;
			}
			return [lng, lat] as [number, number];
		}),
	step_free: checkbox,
	hearing_loop: checkbox,
	sign_language: checkbox,
	interpreters: checkbox,
	childcare: checkbox
});

export const EventForm = eventFields.superRefine((v, ctx) => {
	if (!v.dateOpen) {
		if (!v.startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: `${E}timeRequired` });
		if (!v.endsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `${E}timeRequired` });
	}
	if (v.startsAt && v.endsAt && v.endsAt.getTime() <= v.startsAt.getTime())
		ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `${E}endBeforeStart` });
	if (!v.address && !v.onlineUrl)
		ctx.addIssue({ code: 'custom', path: ['address'], message: `${E}placeRequired` });
});
export type EventForm = z.infer<typeof EventForm>;

/** Editing an event's texts after creation: dates stay out (moving a date is its own path). */
export const EventEditForm = eventFields
	.omit({
		startsAt: true,
		endsAt: true,
		dateOpen: true,
		repeatUnit: true,
		repeatInterval: true,
		repeatCount: true
	})
	.superRefine((v, ctx) => {
		if (!v.address && !v.onlineUrl)
			ctx.addIssue({ code: 'custom', path: ['address'], message: `${E}placeRequired` });
	});
export type EventEditForm = z.infer<typeof EventEditForm>;

export const RegistrationForm = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: `${E}nameRequired` })
		.max(200, { error: `${E}tooLong` }),
	email: z
		.string()
		.trim()
		.max(254)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) {
				ctx.addIssue({ code: 'custom', message: `${E}emailInvalid` });
				return z.NEVER;
			}
			return v.toLowerCase();
		}),
	notifyResults: checkbox,
	occurrenceId: z.uuid({ error: `${E}occurrenceInvalid` })
});

export const StaffRegistrationForm = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: `${E}nameRequired` })
		.max(200, { error: `${E}tooLong` }),
	channel: z.enum(['phone', 'in_person'], { error: `${E}channelInvalid` }),
	occurrenceId: z.uuid({ error: `${E}occurrenceInvalid` })
});

/** "Termin hinzufügen": one more date for an event (or a series), the place stays the event's. */
export const AddDateForm = z
	.object({ startsAt: berlinTime, endsAt: berlinTime })
	.refine((v) => v.endsAt > v.startsAt, { path: ['endsAt'], message: `${E}endBeforeStart` });
export type AddDateForm = z.infer<typeof AddDateForm>;

export const MoveForm = z
	.object({ occurrenceId: z.uuid(), startsAt: berlinTime, endsAt: berlinTime })
	.refine((v) => v.endsAt > v.startsAt, { path: ['endsAt'], message: `${E}endBeforeStart` });

export const PollAnswerForm = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: `${E}nameRequired` })
		.max(100, { error: `${E}tooLong` }),
	email: RegistrationForm.shape.email
});
export const PollAnswer = z.enum(POLL_ANSWERS);

export const ListQuery = z.object({
	type: z.enum(EVENT_TYPES).optional().catch(undefined),
	area: z.string().max(100).optional().catch(undefined),
	from: z.iso.date().optional().catch(undefined),
	to: z.iso.date().optional().catch(undefined),
	facts: z.array(z.enum(ACCESS_FACTS)).catch([]),
	/** an interpreter language the event offers (as organisers wrote it; compared ignoring case) */
	language: z.string().trim().min(1).max(100).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(1000).catch(1)
});
export type ListQuery = z.infer<typeof ListQuery>;
