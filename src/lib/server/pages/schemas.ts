import { z } from 'zod';
import { LOCALES } from '../../i18n';

export { isPageSlug, PAGE_SLUGS, type PageSlug } from '../../page-slugs';

export const PageTextInput = z.object({
	locale: z.enum(LOCALES, { error: 'admin.pages.errors.locale' }),
	title: z
		.string()
		.trim()
		.min(1, { error: 'admin.pages.errors.titleRequired' })
		.max(200, { error: 'admin.pages.errors.titleTooLong' }),
	body: z
		.string()
		.transform((v) => v.replace(/\r\n?/g, '\n').trim())
		.pipe(
			z
				.string()
				.min(1, { error: 'admin.pages.errors.bodyRequired' })
				.max(50_000, { error: 'admin.pages.errors.bodyTooLong' })
		)
});
export type PageTextInput = z.infer<typeof PageTextInput>;
