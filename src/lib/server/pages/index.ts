// Editable legal pages (Impressum, Datenschutz, Barrierefreiheit): plain text per language.
export { defaultPageText, getPageText, getSavedPageText, toParagraphs, type PageText } from './queries';
export { savePageText, type SavePageTextCode } from './save-page-text';
export { isPageSlug, PAGE_SLUGS, PageTextInput, type PageSlug } from './schemas';
