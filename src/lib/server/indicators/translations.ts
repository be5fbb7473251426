// An indicator's name, unit and description in other languages (German, the columns themselves, is
// the fallback): planners add or change one language at a time; the map, the profiles and the
// open-data API show the reader's language where given.
import { sql } from 'kysely';
import { z } from 'zod';
import { LOCALES } from '../../i18n';
import type { IndicatorTranslations } from '../../monitoring/indicator-text';
import { can } from '../auth/permissions';
import { actorUserId, writeAudit, zodFieldErrors, type CommandContext, type Result } from '../core';

export {
	INDICATOR_TEXT_FIELDS,
	localizeIndicator,
	type IndicatorTranslations
} from '../../monitoring/indicator-text';

const E = 'indicatorTexts.errors.';
const text = (max: number) => z.string().trim().max(max, { error: 'indicators.errors.tooLong' }).default('');

export const IndicatorTranslationInput = z.object({
	language: z.enum(LOCALES.filter((l) => l !== 'de') as [string, ...string[]], {
		error: `${E}translationLanguage`
	}),
	name: text(200),
	unit: text(80),
	definition: text(2000)
});

/** The stored translations of an indicator (empty when none). */
export function parseIndicatorTranslations(value: unknown): IndicatorTranslations {
	const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	return parsed && typeof parsed === 'object' ? (parsed as IndicatorTranslations) : {};
}

/** Saves one language's texts (empty fields fall back to German); the other languages stay. */
export async function saveIndicatorTranslation(
	ctx: CommandContext,
	indicatorId: string,
	input: unknown
): Promise<Result<{ language: string }, 'not_found' | 'invalid'>> {
	// Without the permission the indicator looks missing.
	if (!can(ctx.actor, 'indicator.manage')) return { ok: false, code: 'not_found' };
	const parsed = IndicatorTranslationInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid', errors: zodFieldErrors(parsed.error) };
	const { language, ...fields } = parsed.data;
	const texts = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
	const found = await ctx.db.transaction().execute(async (trx) => {
		// One statement: two planners saving different languages at once both keep theirs.
		const updated = await trx
			.updateTable('indicator')
			.set({
				translations: sql`case when ${Object.keys(texts).length} = 0 then translations - ${language}
					else jsonb_set(translations, ${sql.lit(`{${language}}`)}::text[], ${JSON.stringify(texts)}::jsonb) end`
			})
			.where('id', '=', indicatorId)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) return false;
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'indicator.translate',
			subjectType: 'indicator',
			subjectId: indicatorId,
			details: { language, fields: Object.keys(texts) },
			at: ctx.now
		});
		return true;
	});
	if (!found) return { ok: false, code: 'not_found' };
	return { ok: true, value: { language } };
}

/** The translation form's view: the language being translated (?sprache=), its texts, the German ones. */
export async function indicatorTranslationView(
	db: CommandContext['db'],
	indicatorId: string,
	asked: string | null
) {
	const row = await db
		.selectFrom('indicator')
		.select(['name', 'unit', 'definition', 'translations'])
		.where('id', '=', indicatorId)
		.executeTakeFirst();
	if (!row) return null;
	const languages = LOCALES.filter((l) => l !== 'de');
	const language = languages.find((l) => l === asked) ?? languages[0];
	const translations = parseIndicatorTranslations(row.translations);
	return {
		language,
		languages: [...languages] as string[],
		values: (translations[language] ?? {}) as Record<string, string>,
		german: { name: row.name, unit: row.unit, definition: row.definition }
	};
}
