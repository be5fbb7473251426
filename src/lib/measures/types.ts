// Browser-safe shapes of measures (Maßnahmen), shared by the server module and the components.
export const MEASURE_STATUSES = ['draft', 'published'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_ITEM_TYPE = 'measure';

export interface MeasureAreaView {
	id: string;
	key: string;
	name: string;
	levelName: string;
}

export interface MeasureListEntry {
	id: string;
	title: string;
	responsible: string;
	progress: number;
	status: MeasureStatus;
	startsOn: string | null;
	endsOn: string | null;
	updatedAt: Date;
	areas: MeasureAreaView[];
}

export interface MeasureMilestone {
	id: string;
	progress: number;
	previousProgress: number;
	milestoneOn: string;
	note: string;
}

export interface LinkedItemView {
	itemType: string;
	itemId: string;
	kindKey: string;
	title: string;
	path: string;
}

/** What an item's page shows of the measures answering it. */
export interface MeasureBadge {
	id: string;
	title: string;
	progress: number;
	path: string;
}

export const measurePath = (id: string) => `/massnahmen/${id}`;

/** Progress as a whole percentage 0…100 (pure; for the bar and the milestone form). */
export function clampProgress(value: number): number {
	if (!Number.isFinite(value)) return 0;
	return Math.min(100, Math.max(0, Math.round(value)));
}

/**
 * A German or plain budget ("12.500,50", "12500.5", "12 500 €") → euros, or null when empty;
 * NaN when it is not a number.
 */
export function parseEuros(text: string): number | null {
	const raw = text.replace(/[€\s]/g, '');
	if (raw === '') return null;
	let normal = raw;
	if (/,\d{1,2}$/.test(raw)) normal = raw.replace(/\./g, '').replace(',', '.');
	else if (/^\d{1,3}(\.\d{3})+$/.test(raw)) normal = raw.replace(/\./g, '');
	else if (raw.includes(',')) normal = raw.replace(/,/g, '');
	if (!/^\d+(\.\d{1,2})?$/.test(normal)) return Number.NaN;
	return Number(normal);
}

/** "contribution:<uuid>" or a page address ending in a uuid → the uuid (lower case), else null. */
export function itemIdFromReference(text: string): string | null {
	const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:[?#].*)?$/i.exec(
		text.trim()
	);
	return match ? match[1].toLowerCase() : null;
}
