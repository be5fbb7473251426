// Themes of the planner workspace (issue 12): browser-safe types shared by the server module
// (src/lib/server/themes) and the pages under /planung/themen.

/** What can be tagged, addressed like moderation does: (itemType, itemId). */
export const THEME_ITEM_TYPES = ['contribution', 'idea', 'idea_comment', 'survey_answer'] as const;
export type ThemeItemType = (typeof THEME_ITEM_TYPES)[number];

/** One theme as the report builder reads it (themesForReport). */
export interface ThemeSummary {
	id: string;
	name: string;
	synthesis: string;
	/**
	 * Tagged units of input (a survey answer value given in 5 responses counts 5) lying in at least one
	 * of the requested areas (all input when no areas are given). 0 with countSuppressed: show the
	 * secret sign ".".
	 */
	count: number;
	countSuppressed: boolean;
	/** Per requested area (its own level, via the input's assigned areas). suppressed: count is 0, show ".". */
	countsByArea: { areaId: string; count: number; suppressed: boolean }[];
	/** Up to 3 representative published texts: no names, no e-mail addresses, never hidden or pending input. */
	quotes: { text: string; itemType: ThemeItemType; areaName: string | null }[];
}

/** A theme in the staff workspace list. */
export interface ThemeListEntry {
	id: string;
	name: string;
	synthesis: string;
	/** null: city-wide */
	consultation: { id: string; slug: string; title: string } | null;
	count: number;
	updatedAt: string;
}

/** An item in the tagging view. For survey answers itemId is the answer value's hash (never a response id). */
export interface TaggableItem {
	itemType: ThemeItemType;
	itemId: string;
	text: string;
	/** Published (or a completed survey response): may be quoted. */
	quotable: boolean;
	channel: string | null;
	/** Survey answers: how many responses gave this answer. */
	units: number;
	themeIds: string[];
}

/** A theme suggested for an item: an existing theme (id) or a new theme name (id null). */
export interface ThemeSuggestion {
	themeId: string | null;
	name: string;
	score: number;
}
