import { can } from '../auth/permissions';
import type { Actor } from '../auth/actor';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { writeAudit } from '../core';
import { PageTextInput, type PageSlug } from './schemas';

export type SavePageTextCode = 'forbidden' | 'invalid';

/** Saves (creates or replaces) the text of one legal page in one language. */
export async function savePageText(
	ctx: { db: Kysely<DB>; actor: Actor | null; now: Date },
	slug: PageSlug,
	input: PageTextInput
): Promise<{ ok: true; value: null } | { ok: false; code: SavePageTextCode }> {
	if (!can(ctx.actor, 'admin.pages.edit')) return { ok: false, code: 'forbidden' };
	const parsed = PageTextInput.safeParse(input);
	if (!parsed.success) return { ok: false, code: 'invalid' };
	const { locale, title, body } = parsed.data;
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.insertInto('page_text')
			.values({ slug, locale, title, body, updated_at: ctx.now, updated_by: ctx.actor!.id })
			.onConflict((oc) =>
				oc
					.columns(['slug', 'locale'])
					.doUpdateSet({ title, body, updated_at: ctx.now, updated_by: ctx.actor!.id })
			)
			.execute();
		await writeAudit(trx, {
			actorId: ctx.actor!.id,
			action: 'page.save',
			subjectType: 'page',
			subjectId: `${slug}/${locale}`,
			details: { title },
			at: ctx.now
		});
	});
	return { ok: true, value: null };
}
