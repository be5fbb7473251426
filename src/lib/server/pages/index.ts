// Editable legal pages (Impressum, Datenschutz, Barrierefreiheit): plain text per language.
export {
	defaultPageText,
	getPageText,
	getSavedPageText,
	listSavedPageLocales,
	toParagraphs,
	type PageText
} from './queries';
export { savePageText, type SavePageTextCode } from './save-page-text';
export { isPageSlug, PAGE_SLUGS, PageTextInput, type PageSlug } from './schemas';
export { loadPublicPage } from './load-public-page';
