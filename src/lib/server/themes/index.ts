// Themes of the planner workspace (issue 12): the only import path other code uses.
export { themesForReport, type ThemesForReportInput, type ThemeSummary } from './report';
export { themeRules } from './permissions';
export {
	ThemeCreate,
	ThemeDelete,
	ThemeRename,
	ThemeSynthesis,
	ThemeTagItems,
	TaggingQuery,
	TAGGING_PAGE_SIZE
} from './schemas';
export { createTheme, type CreateThemeError } from './create-theme';
export { renameTheme, writeSynthesis } from './update-theme';
export { deleteTheme } from './delete-theme';
export { tagItems, type TagItemsError } from './tag-items';
export { loadTheme, maySeeTheme, mayEditTheme } from './access';
export {
	areaLevelsWithAreas,
	listTaggableItems,
	listThemes,
	taggableConsultations,
	taggingConsultation,
	themesForConsultation,
	type TaggingPage
} from './queries';
export { itemsWithLexeme, lexemesOf, suggestNewThemes, suggestThemesForItems } from './suggestions';
export { themeStaffWork, THEME_PERSONAL_TABLES } from './personal-data';
