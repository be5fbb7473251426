// A consultation's texts in other languages (German, the columns themselves, is the fallback):
// managers add or change one language at a time; pages show the reader's language where given.
import { sql } from 'kysely';
import { z } from 'zod';
import { localizedText, type ContentTranslations } from '../../i18n/content';
import { LOCALES, type Locale } from '../../i18n';
import { actorUserId, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';
import { consultationRef, mayManage } from './ref';

export const TRANSLATABLE_FIELDS = [
	'title',
	'summary',
	'description',
	'canInfluence',
	'alreadyDecided',
	'outcomePlan'
] as const;
export type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number];
export type ConsultationTranslations = ContentTranslations<TranslatableField>;

const E = 'consultations.error.';
const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: `${E}too_long` })
		.default('');

export const TranslationInput = z.object({
	language: z.enum(LOCALES.filter((l) => l !== 'de') as [string, ...string[]], {
		error: `${E}translationLanguage`
	}),
	title: text(200),
	summary: text(500),
	description: text(20_000),
	canInfluence: text(5000),
	alreadyDecided: text(5000),
	outcomePlan: text(5000)
});

/** Saves one language's texts (empty fields fall back to German); the other languages stay. */
export async function saveConsultationTranslation(
	ctx: CommandContext,
	consultationId: string,
	input: unknown
): Promise<Result<{ language: string }, 'not_found' | 'invalid'>> {
	const consultation = await consultationRef(ctx, { id: consultationId });
	// A consultation the actor may not manage looks like a missing one.
	if (!consultation || !mayManage(ctx.actor, consultation)) return { ok: false, code: 'not_found' };
	const parsed = TranslationInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { language, ...fields } = parsed.data;
	const texts = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
	await ctx.db.transaction().execute(async (trx) => {
		// One statement: two managers saving different languages at once both keep theirs.
		await trx
			.updateTable('consultation')
			.set({
				translations: sql`case when ${Object.keys(texts).length} = 0 then translations - ${language}
					else jsonb_set(translations, ${sql.lit(`{${language}}`)}::text[], ${JSON.stringify(texts)}::jsonb) end`,
				updated_at: ctx.now
			})
			.where('id', '=', consultationId)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'consultation.translate',
			subjectType: 'consultation',
			subjectId: consultationId,
			details: { language, fields: Object.keys(texts) },
			at: ctx.now
		});
	});
	return { ok: true, value: { language } };
}

/** A list entry in the reader's language: title and summary translated where given (lang marks German). */
export function localizeListItem<
	T extends { title: string; summary: string; translations: ConsultationTranslations }
>(item: T, locale: Locale): Omit<T, 'translations'> & { titleLang: string; summaryLang: string } {
	const { translations, ...rest } = item;
	const title = localizedText(item.title, translations, 'title', locale);
	const summary = localizedText(item.summary, translations, 'summary', locale);
	return {
		...rest,
		title: title.text,
		summary: summary.text,
		titleLang: title.lang,
		summaryLang: summary.lang
	};
}
