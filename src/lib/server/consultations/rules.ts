// Pure rules of the consultations feature: slugs, the status workflow, phases and what publishing needs.
import type { ConsultationStatus } from './ref';

const TRANSLITERATION: Record<string, string> = {
	ä: 'ae',
	ö: 'oe',
	ü: 'ue',
	ß: 'ss',
	Ä: 'ae',
	Ö: 'oe',
	Ü: 'ue'
};

/** A URL slug from a title: German transliteration (ä → ae, ß → ss), other accents dropped, max 80 chars. */
export function slugify(title: string): string {
	const slug = title
		.replace(/[äöüßÄÖÜ]/g, (c) => TRANSLITERATION[c])
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/g, '');
	return slug || 'beteiligung';
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The workflow: draft → published → closed → archived; nothing goes back except archived → closed. */
export const STATUS_TRANSITIONS: Record<ConsultationStatus, readonly ConsultationStatus[]> = {
	draft: ['published'],
	published: ['closed'],
	closed: ['archived'],
	archived: ['closed']
};

export function canTransition(from: ConsultationStatus, to: ConsultationStatus): boolean {
	return STATUS_TRANSITIONS[from].includes(to);
}

/** Closing and archiving end participation: the form asks for a confirmation first. */
export function needsConfirmation(to: ConsultationStatus): boolean {
	return to === 'closed' || to === 'archived';
}

/** Only drafts and running consultations can be edited; closed and archived ones are read-only. */
export function isEditable(status: ConsultationStatus): boolean {
	return status === 'draft' || status === 'published';
}

export interface PhaseInput {
	name: string;
	description: string;
	startsOn: string | null;
	endsOn: string | null;
}

export type PhaseError = {
	index: number;
	code: 'phase_dates_reversed' | 'phase_order' | 'phase_name_missing';
};

/**
 * Phases form a timeline: each needs a name, its end is not before its start, and a phase does
 * not start before the previous one started.
 */
export function validatePhases(phases: readonly PhaseInput[]): PhaseError[] {
	const errors: PhaseError[] = [];
	let previousStart: string | null = null;
	phases.forEach((phase, index) => {
		if (!phase.name.trim()) errors.push({ index, code: 'phase_name_missing' });
		if (phase.startsOn && phase.endsOn && phase.endsOn < phase.startsOn)
			errors.push({ index, code: 'phase_dates_reversed' });
		else if (phase.startsOn && previousStart && phase.startsOn < previousStart)
			errors.push({ index, code: 'phase_order' });
		if (phase.startsOn) previousStart = phase.startsOn;
	});
	return errors;
}

/** Index of the current phase on a given day (yyyy-mm-dd): the last phase that has started and not ended. */
export function currentPhaseIndex(
	phases: readonly Pick<PhaseInput, 'startsOn' | 'endsOn'>[],
	today: string
): number {
	let current = -1;
	phases.forEach((phase, index) => {
		if (phase.startsOn && phase.startsOn <= today && (!phase.endsOn || phase.endsOn >= today))
			current = index;
	});
	return current;
}

export interface PublishFields {
	participationLevel: string;
	canInfluence: string;
	alreadyDecided: string;
	outcomePlan: string;
	contactName: string;
	title: string;
	areaCount: number;
}

/** Fields missing before a consultation may be published (empty list: ready). */
export function missingForPublish(c: PublishFields): string[] {
	const missing: string[] = [];
	if (!c.title.trim()) missing.push('title');
	if (!['information', 'konsultation', 'kooperation'].includes(c.participationLevel))
		missing.push('participationLevel');
	if (!c.canInfluence.trim()) missing.push('canInfluence');
	if (!c.alreadyDecided.trim()) missing.push('alreadyDecided');
	if (!c.outcomePlan.trim()) missing.push('outcomePlan');
	if (!c.contactName.trim()) missing.push('contactName');
	if (c.areaCount < 1) missing.push('areas');
	return missing;
}

/** Plain-text paragraphs: split on blank lines, trimmed, empty ones dropped. Rendered as <p> text, never HTML. */
export function paragraphs(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
}
