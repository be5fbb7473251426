import type { Kysely } from 'kysely';
import { DEFAULT_LOCALE, translator, type Locale } from '../../i18n';
import { resources } from '../../i18n/resources';
import { readConfig, type AppConfig } from '../config';
import type { DB } from '../db/types';
import { PAGE_SLUGS, type PageSlug } from './schemas';

/** The settings the built-in texts name (the privacy page states the retention periods). */
export type PageTextSettings = Pick<AppConfig, 'eventRetentionDays' | 'mailRetentionDays'>;

function settingsOf(config: Partial<AppConfig> | undefined): PageTextSettings {
	const fallback = readConfig();
	return {
		eventRetentionDays: config?.eventRetentionDays ?? fallback.eventRetentionDays,
		mailRetentionDays: config?.mailRetentionDays ?? fallback.mailRetentionDays
	};
}

export interface PageText {
	slug: PageSlug;
	title: string;
	body: string;
	/** The language the text is actually in (German when the asked-for language has none). */
	locale: Locale;
	/** 'saved' = edited by an admin; 'default' = the built-in text from the locale files */
	source: 'saved' | 'default';
	updatedAt: Date | null;
}

/**
 * The built-in text (admin.pageDefaults.<slug>) in the given language, German where missing, with the
 * configured retention periods filled in (EVENT_RETENTION_DAYS, MAIL_RETENTION_DAYS).
 */
export function defaultPageText(slug: PageSlug, locale: Locale, config?: Partial<AppConfig>): PageText {
	const settings = settingsOf(config);
	const t = translator(locale);
	const titleKey = `admin.pageDefaults.${slug}.title`;
	const own = (resources[locale].translation.admin as { pageDefaults?: Record<string, unknown> })
		.pageDefaults;
	const hasOwn = own !== undefined && slug in own;
	return {
		slug,
		title: t(titleKey),
		body: t(`admin.pageDefaults.${slug}.body`, {
			eventRetentionDays: settings.eventRetentionDays,
			mailRetentionDays: settings.mailRetentionDays
		}),
		locale: hasOwn ? locale : DEFAULT_LOCALE,
		source: 'default',
		updatedAt: null
	};
}

/** The saved text in the language, else the saved German text, else the built-in default. */
export async function getPageText(
	db: Kysely<DB>,
	slug: PageSlug,
	locale: Locale,
	config?: Partial<AppConfig>
): Promise<PageText> {
	const rows = await db
		.selectFrom('page_text')
		.select(['locale', 'title', 'body', 'updated_at'])
		.where('slug', '=', slug)
		.where('locale', 'in', [...new Set([locale, DEFAULT_LOCALE])])
		.execute();
	const row = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === DEFAULT_LOCALE);
	if (!row) return defaultPageText(slug, locale, config);
	return {
		slug,
		title: row.title,
		body: row.body,
		locale: row.locale as Locale,
		source: 'saved',
		updatedAt: row.updated_at
	};
}

/** The saved text of exactly this language (for the editor), or null. */
export async function getSavedPageText(
	db: Kysely<DB>,
	slug: PageSlug,
	locale: Locale
): Promise<{ title: string; body: string; updatedAt: Date } | null> {
	const row = await db
		.selectFrom('page_text')
		.select(['title', 'body', 'updated_at'])
		.where('slug', '=', slug)
		.where('locale', '=', locale)
		.executeTakeFirst();
	return row ? { title: row.title, body: row.body, updatedAt: row.updated_at } : null;
}

/** Plain text → paragraphs: blank lines separate paragraphs; single line breaks stay inside one. */
export function toParagraphs(body: string): string[] {
	return body
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
}

/** Which languages have a saved text, per page (for the admin overview). */
export async function listSavedPageLocales(db: Kysely<DB>): Promise<Record<PageSlug, Locale[]>> {
	const rows = await db.selectFrom('page_text').select(['slug', 'locale']).orderBy('locale').execute();
	const result = Object.fromEntries(PAGE_SLUGS.map((slug) => [slug, []])) as unknown as Record<
		PageSlug,
		Locale[]
	>;
	for (const row of rows) if (row.slug in result) result[row.slug as PageSlug].push(row.locale as Locale);
	return result;
}
