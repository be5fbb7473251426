// The shape every participation module fills in (after Decidim's component manifests). A module is a
// folder with a manifest.ts (light: names, permissions, settings) whose `hooks` loads the rest
// lazily, plus one line in registry.ts. Everything that loops over modules — the consultation form and
// page, moderation, exports, open data, personal data, account deletion, outcomes, statistics, the demo
// seed — reads the registry and nothing else.
//
// Why hooks are loaded lazily: permission checks (auth/permissions.ts) read the registry, and the
// modules' commands call can(); a static import of the commands here would make an import cycle.
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { PermissionRule } from '../auth/grant-rules';
import type { Actor } from '../auth/actor';
import type { CommandContext } from '../core';
import type { DB } from '../db/types';
import type { Storage } from '../storage';
import type { QueueEntry } from '../../participation/types';

export type AttachesTo = 'consultation' | 'area' | 'organisation';

export interface ParticipationManifest {
	/** Stored in consultation.modules; snake_case */
	key: string;
	labelKey: string;
	/** URL segment under /beteiligung/[slug]/ ('karte', 'befragung', 'ideen', 'termine') */
	segment: string;
	attachesTo: AttachesTo;
	/** The module's section on the consultation page: heading and link text (i18n keys). */
	section: { titleKey: string; linkKey: string };
	/** action → pure rule; action names start with the module key or a core noun */
	permissions: Record<string, PermissionRule>;
	/** Pages the module adds to the administration overview (shown to those the action allows). */
	adminSections?: { href: string; title: string; text: string; action: string }[];
	/** per-consultation settings (stored as jsonb) */
	settings?: z.ZodType;
	hooks: () => Promise<ParticipationHooks>;
}

/** A moderated thing of a module: (itemType, itemId) addresses it in reports, the queue and the log. */
export interface ModerationAdapter {
	itemType: string;
	/** The module whose items these are (its consultation must have it switched on for reports). */
	moduleKey: string;
	/** The item with its consultation, author and status; null when it does not exist. */
	load(db: Kysely<DB>, itemId: string): Promise<ModeratedItem | null>;
	/**
	 * Moves the item from → to, guarded by the old status (false when someone else was faster);
	 * clearReports: the handled reports no longer count towards the automatic hiding.
	 */
	setStatus(
		trx: Transaction<DB>,
		itemId: string,
		change: { from: string; to: string; reason: string | null; clearReports: boolean }
	): Promise<boolean>;
	/** Counts one more report; returns the new count and status. */
	addReport(trx: Transaction<DB>, itemId: string): Promise<{ reportCount: number; status: string }>;
	/** One page of the queue of the given consultations (null: all), oldest first for 'pending'. */
	queue(db: Kysely<DB>, query: QueueQuery): Promise<QueueEntry[]>;
	countQueue(db: Kysely<DB>, consultationIds: string[] | null): Promise<Record<ModerationView, number>>;
	/** Public page of each item that still exists (for the moderation log). */
	paths(db: Kysely<DB>, itemIds: string[]): Promise<Map<string, string>>;
}

export const MODERATION_VIEWS = ['pending', 'reported', 'hidden'] as const;
export type ModerationView = (typeof MODERATION_VIEWS)[number];

export interface QueueQuery {
	consultationIds: string[] | null;
	view: ModerationView;
	/** the first `limit` entries in queue order (the core merges the modules' lists and pages) */
	limit: number;
}

export type { QueueEntry } from '../../participation/types';

export interface ModeratedItem {
	itemType: string;
	id: string;
	consultationId: string;
	authorId: string | null;
	status: string;
	reportCount: number;
	/** Link to the item's public page (for mails to its author) */
	path: string;
}

export interface ExportColumn<Row> {
	/** Stable machine name: the CSV header, the GeoJSON property; snake_case */
	key: string;
	/** i18n key of the column heading; its description goes to the XLSX "Spalten" sheet */
	labelKey: string;
	descriptionKey: string;
	/**
	 * Interpolation values for labelKey/descriptionKey. Refinement: columns built per area level
	 * ("Stadtteil – Schlüssel") share one key and differ by the level's name.
	 */
	labelParams?: Record<string, string>;
	/**
	 * Refinement for the small-number rule (README.md, "Exports"; participation/exports/table.ts):
	 * - 'item': a count about one item (supports of one contribution) — not a statistic about the
	 *   people of an area, published as it is;
	 * - 'area': a count of people or input per area (an aggregate) — the export service replaces
	 *   1 … k−1 (config.smallCountK) with the secret sign "." (null in GeoJSON).
	 * Unset: not a count.
	 */
	count?: 'item' | 'area';
	value(row: Row): string | number | boolean | null;
}

/** Who an export is for (refinement: one definition serves both, the rows differ). */
export type ExportAudience = 'staff' | 'public';

/** One table of a module's input for exports (CSV/XLSX/GeoJSON) and open data. */
export interface ExportDefinition<Row = unknown> {
	key: string;
	labelKey: string;
	/**
	 * The columns; a function where they depend on the data (refinement: one key/name column pair
	 * per area level, and the levels live in the database).
	 */
	columns: ExportColumn<Row>[] | ((ctx: CommandContext) => Promise<ExportColumn<Row>[]>);
	/**
	 * The rows. `audience` 'staff' (the default) = everything staff may see (e.g. every non-deleted
	 * contribution with its status); 'public' = what open data may show (published only).
	 */
	rows(ctx: CommandContext, consultationId: string, audience?: ExportAudience): Promise<Row[]>;
	/** GeoJSON geometry of a row (WGS84), where it has one */
	geometry?(row: Row): GeoJSON.Geometry | null;
	/**
	 * Refinement for per-area aggregates: the area a row counts for and its parent row's area (null at
	 * the top; a total row is the parent of the top areas). Then the table's 'area' counts are decided
	 * jointly (src/lib/stats/disclosure.ts): an area hidden for one count is hidden for all of its counts,
	 * and covers are hidden so that totals minus published rows recover nothing. Rows returning null,
	 * and definitions without `area`, get the cell-by-cell rule.
	 */
	area?(row: Row): { id: string; parentId: string | null } | null;
	/** Included in the open-data API (published rows only, no personal fields). */
	openData?: boolean;
}

/** An /api/v1 endpoint of a module, for the OpenAPI document. */
export interface OpenDataEndpoint {
	/** e.g. '/api/v1/contributions.geojson' (path parameters as {name}) */
	path: string;
	/** Refinement: OpenAPI needs a unique operationId per operation. */
	operationId: string;
	summary: string;
	description: string;
	parameters?: {
		name: string;
		/** Refinement: default 'query' */
		in?: 'query' | 'path';
		description: string;
		schema: Record<string, unknown>;
	}[];
	contentType: string;
	/** Refinement: JSON schema of the 200 answer, where the module documents it. */
	responseSchema?: Record<string, unknown>;
}

/**
 * What a module stores about a person. `tables` names every table.column holding a user id that this
 * section covers: a test fails when a column referencing app_user is covered by no section.
 */
export interface PersonalDataSection {
	key: string;
	tables: string[];
	collect(db: Kysely<DB>, userId: string): Promise<unknown>;
}

/**
 * One thing a person contributed, for "Meine Beiträge". Refined for issue 7: `kindKey` names the kind
 * (a map comment, a reply …) and `tracksOutcome` says whether it gets official statuses at all (replies
 * do not); the outcomes service adds the current status and latest response itself, so modules only
 * list their items.
 */
export interface OutcomeEntry {
	itemType: string;
	itemId: string;
	/** i18n key of the kind of input ("Hinweis auf der Karte", "Antwort") */
	kindKey: string;
	consultationSlug: string;
	consultationTitle: string;
	excerpt: string;
	createdAt: Date;
	/** moderation status (pending / published / hidden / deleted) */
	status: string;
	path: string;
	tracksOutcome: boolean;
}

/**
 * How the outcomes service (participation/outcomes) reaches a module's items: their consultation,
 * author, supporters and page. The core owns statuses, responses and notifications; the module owns its
 * items. (Added for issue 7.)
 */
export interface OutcomeAdapter {
	itemType: string;
	/** The item, or null when it does not exist. */
	load(db: Kysely<DB>, itemId: string): Promise<OutcomeItem | null>;
	/** Signed-in people who follow the item besides its author (map comments: "Sehe ich auch so"). */
	supporterIds(db: Kysely<DB>, itemId: string): Promise<string[]>;
}

export interface OutcomeItem {
	itemType: string;
	id: string;
	consultationId: string;
	/** null: anonymous, analog, or the account was deleted */
	authorId: string | null;
	excerpt: string;
	/** The item's public page */
	path: string;
	/** Staff may respond to it now (map comments: published, not a reply). */
	answerable: boolean;
}

/** The figures of "Wer wurde erreicht?" (planning/reach.ts) a statistic adds to (issue 12). */
export type ReachFigure = 'contributions' | 'surveyResponses' | 'supports' | 'workshopAttendance';

export interface StatFilter {
	/** Only input of these consultations (a report may name several); unset or empty = all. */
	consultationIds?: readonly string[];
	/** Refinement (issue 12): only input from this moment on / before this moment. */
	from?: Date;
	to?: Date;
}

export interface StatDefinition {
	key: string;
	labelKey: string;
	/** Refinement (issue 12): the reach figure these counts add to; unset = not part of the reach table. */
	figure?: ReachFigure;
	/**
	 * area id → count (online and analog apart; any channel but 'online' counts as analog), for the
	 * area and every area above it (each level counts the same input once).
	 */
	countPerArea(
		db: Kysely<DB>,
		filter: StatFilter
	): Promise<{ areaId: string; channel: string; count: number }[]>;
}

/** The demo seed's transaction: areas, accounts and demo consultations (is_demo) exist already. */
export interface SeedContext {
	trx: Kysely<DB>;
	now: Date;
	/** where uploaded files go (demo documents); absent in tests that only need rows */
	storage?: Storage;
}

/**
 * A public item as other modules show it (issue 10): measures list what they answer, following lists
 * what a person follows, notifications re-check that an item is still public before mailing it.
 */
export interface ItemSummary {
	itemType: string;
	id: string;
	title: string;
	/** The item's public page */
	path: string;
	consultationId: string | null;
	/** The areas the item is assigned to (any level) */
	areaIds: string[];
}

export interface ItemSummaryAdapter {
	itemType: string;
	/** i18n key naming the kind ("Hinweis auf der Karte", "Idee") */
	kindKey: string;
	/** Only items the public may see (published, in a public consultation); others are left out. */
	summaries(db: Kysely<DB>, itemIds: readonly string[]): Promise<Map<string, ItemSummary>>;
}

/** One line of "Was passiert in meinem Quartier?" (issue 10). */
export interface AreaActivityEntry {
	itemType: string;
	itemId: string;
	/** i18n key naming the kind */
	kindKey: string;
	title: string;
	path: string;
	/** When it last changed (newest first) */
	at: Date;
	/** i18n key of its status where it has one ('outcomes.status.accepted', 'consultations.status.closed') */
	statusKey?: string | null;
	/** The latest official response, plain text */
	response?: string | null;
	/** 0…100 for measures */
	progress?: number | null;
	/** Survey results and the like: a short plain-text line */
	detail?: string | null;
}

export interface AreaActivityOptions {
	/** at most this many, newest first */
	limit: number;
	/** only entries changed at or after this moment */
	since?: Date;
	/** only entries of these consultations (a report's chosen consultations); absent = all */
	consultationIds?: readonly string[];
}

/** Filters of the planner's area view (issue 12); `q` is a German full-text search. */
export interface PlannerInputFilter {
	consultationId?: string;
	from?: Date;
	to?: Date;
	channel?: 'online' | 'analog';
	q?: string;
	/** at most this many entries, newest first (the core merges the modules' lists into pages) */
	limit: number;
	/**
	 * Refinement (issue 12 audit): consultations whose staff-only input (survey free-text answers) the
	 * viewer may read (surveys.results); unset or empty = none, so no module shows such input by default.
	 */
	readableConsultationIds?: readonly string[];
	/** Small-number rule k (config.smallCountK): staff-only free texts need at least k respondents. */
	minCount?: number;
	/**
	 * The area and every area inside it, for modules that store only the areas chosen (measures,
	 * events: as in areaActivity); unset = the area alone. Modules assigning every level ignore it.
	 */
	areaIds?: readonly string[];
}

/** One thing residents said in an area, as the planner's area view lists it (no author names). */
export interface PlannerInputEntry {
	itemType: string;
	itemId: string;
	kindKey: string;
	title: string | null;
	text: string;
	category: string | null;
	/** null: not input of any channel (a measure — what was done); a channel filter leaves it out */
	channel: 'online' | 'analog' | null;
	/** '' when it belongs to no consultation (a measure or an event standing alone) */
	consultationTitle: string;
	createdAt: Date;
	/** i18n key of its official status where it has one */
	statusKey: string | null;
	path: string;
	/** 0…100 for measures */
	progress?: number | null;
	/** a short plain-text line (the question a free-text answer replies to, who is responsible …) */
	detail?: string | null;
}

export interface ParticipationHooks {
	/**
	 * Planner workspace (issue 12): the module's published input assigned to the area (assignments
	 * cover every level), filtered, newest first, with the total and counts per category and channel.
	 * Refined after the audit: also what came of it (documented workshops, measures) and the survey
	 * free texts of respondents from the area the viewer may read, so search, filters and pages cover
	 * everything on the area view. byCategory only for contributions that have categories.
	 */
	plannerInput?(
		db: Kysely<DB>,
		areaId: string,
		filter: PlannerInputFilter
	): Promise<{
		entries: PlannerInputEntry[];
		total: number;
		byCategory?: { category: string; channel: 'online' | 'analog'; count: number }[];
	}>;
	moderation?: ModerationAdapter[];
	/** Public summaries of the module's items by type (issue 10). */
	itemSummaries?: ItemSummaryAdapter[];
	/**
	 * "Was passiert in meinem Quartier?": the module's public, visible items in these areas (the
	 * caller passes the area and every area inside it), newest first. Hidden and unpublished items
	 * never appear.
	 */
	areaActivity?(
		db: Kysely<DB>,
		areaIds: readonly string[],
		options: AreaActivityOptions
	): Promise<AreaActivityEntry[]>;
	exports?: ExportDefinition[];
	openData?: OpenDataEndpoint[];
	personalData?: PersonalDataSection[];
	/**
	 * Everything a person contributed through this module ("Meine Beiträge"), newest first, at most
	 * `limit` entries plus the total: the core merges the modules' lists into pages (refined for
	 * issue 7 — a person's full history need not be loaded to show one page).
	 */
	outcomes?(
		db: Kysely<DB>,
		authorId: string,
		options: { limit: number }
	): Promise<{ entries: OutcomeEntry[]; total: number }>;
	/** The module's items that take official responses and statuses (participation/outcomes). */
	outcomeAdapters?: OutcomeAdapter[];
	/** Account deletion: anonymise (default) or delete the person's input of this module. */
	removeAuthor?(
		trx: Transaction<DB>,
		userId: string,
		mode: 'anonymise' | 'delete'
	): Promise<{ files: string[] }>;
	statsPerArea?: StatDefinition[];
	/**
	 * The module's free-text inputs, for the security suites (tests/integration/security/xss.ts):
	 * a module that declares this is checked for script injection on every page its texts show on,
	 * with no test of its own.
	 */
	textInputs?: TextInputsHook;
	/** `qk seed demo`: add the module's demo rows; `--remove`: delete them (before the demo consultations go). */
	demo?: { seed(ctx: SeedContext): Promise<void>; remove(trx: Kysely<DB>): Promise<void> };
}

/** How the XSS suite puts hostile text into every free-text field of a module. */
export interface TextInputsHook {
	/**
	 * Every zod schema in the module's `schemas.ts` that has string fields, by its export name: a test
	 * (tests/unit/security/xss-coverage.test.ts) finds each string field in them and fails on one that
	 * is neither in `fields` nor in `notText`, and on a schema of `schemas.ts` missing here.
	 */
	schemas: Record<string, z.ZodType>;
	/**
	 * The string fields `create` fills with the hostile text, as `Schema.path` (`list[].label`,
	 * `text.*` for every language of a translated text, which all render the same way).
	 */
	fields: string[];
	/** The other string fields, each with why it is no free text shown to anyone (ids, dates, codes). */
	notText: Record<string, string>;
	/** Texts no schema of `schemas.ts` describes (questionnaire answers, read by the engine; a file's title). */
	otherFields?: string[];
	/**
	 * Creates visible input in the consultation through the module's own commands, every text field
	 * carrying `text` (shortened or padded to what the field takes): what residents write as `actor`,
	 * what staff write (titles, questions, minutes) as `staff`, an administrator. Returns the item's
	 * type for reports (null when the module has no reports), its id, the paths it shows on to
	 * everyone (detail page, lists, map) and those only staff see (results, management pages).
	 */
	create(
		ctx: CommandContext & { secret: string; clientAddress: string; staff: Actor },
		consultation: { id: string; slug: string },
		text: string
	): Promise<{ itemType: string | null; id: string; paths: string[]; staffPaths?: string[] }>;
}

export type ParticipationComponent = ParticipationManifest;
