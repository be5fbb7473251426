// The editable pages (/impressum, /datenschutz, /barrierefreiheit, /netiquette) share one route.
import type { ParamMatcher } from '@sveltejs/kit';
import { isPageSlug } from '$lib/page-slugs';

export const match: ParamMatcher = (param) => isPageSlug(param);
