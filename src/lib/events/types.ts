// Workshops and events (browser-safe): the kinds of event, accessibility facts and shapes that server
// and pages both use.
export const EVENT_TYPES = [
	'planungswerkstatt',
	'stadtteilkonferenz',
	'sozialraumkonferenz',
	'world_cafe',
	'zukunftswerkstatt',
	'stadtteilspaziergang',
	'infostand',
	'other'
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Accessibility facts that can be filtered on (column names in qk.event). */
export const ACCESS_FACTS = [
	'step_free',
	'hearing_loop',
	'sign_language',
	'interpreters',
	'childcare'
] as const;
export type AccessFact = (typeof ACCESS_FACTS)[number];

/**
 * The registration questions an organiser can pick (keys of the stored questions and of the answers),
 * in the order the form shows them and the stored definition keeps them. Each has a checkbox
 * `q_<key>` in the event forms.
 */
export const REGISTRATION_QUESTION_KEYS = [
	'kinderbetreuung',
	'sprache',
	'barrierefreiheit',
	'wohngebiet'
] as const;
export type RegistrationQuestionKey = (typeof REGISTRATION_QUESTION_KEYS)[number];
export type QuestionField = `q_${RegistrationQuestionKey}`;
export const questionField = (key: RegistrationQuestionKey): QuestionField => `q_${key}`;

export const OCCURRENCE_STATUSES = ['scheduled', 'cancelled', 'moved'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export const POLL_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];

export interface EventListItem {
	id: string;
	occurrenceId: string;
	title: string;
	type: EventType;
	startsAt: string;
	endsAt: string;
	status: OccurrenceStatus;
	movedFrom: string | null;
	address: string | null;
	online: boolean;
	point: [number, number] | null;
	consultationSlug: string | null;
	facts: AccessFact[];
	capacity: number | null;
	registered: number;
}
