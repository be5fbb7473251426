import type { RequestContext } from '../core';
import { getPageText, toParagraphs } from './queries';
import type { PageSlug } from './schemas';

/** What /impressum, /datenschutz, /barrierefreiheit and /netiquette render: plain paragraphs, never HTML. */
export async function loadPublicPage(
	ctx: Pick<RequestContext, 'db' | 'locale'> & { config?: Partial<RequestContext['config']> },
	slug: PageSlug
) {
	const text = await getPageText(ctx.db, slug, ctx.locale, ctx.config);
	return {
		title: text.title,
		paragraphs: toParagraphs(text.body),
		textLocale: text.locale,
		updatedAt: text.updatedAt
	};
}
