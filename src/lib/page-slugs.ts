// The editable pages; the slug is also the public URL (/impressum …, /netiquette). Shared by the
// server module and the route's param matcher (which also runs in the browser).
export const PAGE_SLUGS = ['impressum', 'datenschutz', 'barrierefreiheit', 'netiquette'] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];

export function isPageSlug(value: unknown): value is PageSlug {
	return typeof value === 'string' && (PAGE_SLUGS as readonly string[]).includes(value);
}
