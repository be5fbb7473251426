// Inputs of the themes module (zod); messages are i18n keys.
import { z } from 'zod';
import { THEME_ITEM_TYPES } from '../../themes/types';

const name = z.string().trim().min(1, 'themes.error.nameRequired').max(120, 'themes.error.nameTooLong');

export const ThemeCreate = z.object({
	name,
	/** empty: city-wide */
	consultationId: z.union([z.literal(''), z.uuid('themes.error.consultation')]).optional(),
	/** the created theme is put on these items at once (accepting a "new theme" suggestion) */
	items: z.array(z.string()).max(200).optional()
});
export type ThemeCreate = z.infer<typeof ThemeCreate>;

export const ThemeRename = z.object({ themeId: z.uuid('themes.error.theme'), name });
export type ThemeRename = z.infer<typeof ThemeRename>;

export const ThemeSynthesis = z.object({
	themeId: z.uuid('themes.error.theme'),
	synthesis: z.string().trim().max(10000, 'themes.error.synthesisTooLong')
});
export type ThemeSynthesis = z.infer<typeof ThemeSynthesis>;

export const ThemeDelete = z.object({
	themeId: z.uuid('themes.error.theme'),
	confirm: z.literal('yes', 'themes.error.confirmDelete')
});
export type ThemeDelete = z.infer<typeof ThemeDelete>;

/** An item reference as the tagging form sends it: "type:id". */
export const itemRef = z
	.string()
	.regex(/^(contribution|idea|idea_comment|survey_answer):[0-9a-f-]{32,64}$/, 'themes.error.items')
	.transform((v) => {
		const i = v.indexOf(':');
		return { itemType: v.slice(0, i) as (typeof THEME_ITEM_TYPES)[number], itemId: v.slice(i + 1) };
	});

export const ThemeTagItems = z.object({
	themeId: z.uuid('themes.error.theme'),
	consultationId: z.uuid('themes.error.consultation'),
	items: z.array(itemRef).min(1, 'themes.error.noItems').max(200, 'themes.error.tooManyItems'),
	mode: z.enum(['tag', 'untag']).default('tag')
});
export type ThemeTagItems = z.infer<typeof ThemeTagItems>;

export const TAGGING_PAGE_SIZE = 25;

/** Filters of the tagging view (in the URL). */
export const TaggingQuery = z.object({
	q: z.string().trim().max(200).catch(''),
	type: z.enum(['', ...THEME_ITEM_TYPES]).catch(''),
	/** '' all, 'none' untagged, or a theme id */
	theme: z.union([z.literal(''), z.literal('none'), z.uuid()]).catch(''),
	page: z.coerce.number().int().min(1).max(10000).catch(1)
});
export type TaggingQuery = z.infer<typeof TaggingQuery>;
