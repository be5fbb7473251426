// An indicator names the licence of its data beside its source (the report lists it; empty = the
// platform's licence): saved from the form, shown again in it, changed and cleared; too long is refused.
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import {
	createIndicator,
	getIndicator,
	IndicatorInput,
	indicatorFormValues,
	updateIndicator
} from '../../../src/lib/server/indicators';
import { describeEachDatabase } from '../helpers/db';

const now = new Date('2026-03-01T10:00:00Z');

describeEachDatabase('indicator licence', (get) => {
	it('keeps the licence the form gives, shows it again, and lets it be cleared', async () => {
		const ctx = { db: get().db, actor: SYSTEM_ACTOR, now };
		const form = {
			key: 'sgb2-lizenz',
			name: 'SGB-II-Quote',
			domain: 'oekonomische_situation',
			source: 'Statistik der Bundesagentur für Arbeit',
			licence: '  dl-de/by-2-0  '
		};
		const created = await createIndicator(ctx, IndicatorInput.parse(form));
		if (!created.ok) throw new Error(created.code);
		const row = (await getIndicator(ctx.db, created.value.id))!;
		expect(row.licence).toBe('dl-de/by-2-0');
		expect(indicatorFormValues(row).licence).toBe('dl-de/by-2-0');

		const cleared = await updateIndicator(
			ctx,
			created.value.id,
			IndicatorInput.parse({ ...form, licence: '' })
		);
		expect(cleared.ok).toBe(true);
		expect((await getIndicator(ctx.db, created.value.id))!.licence).toBe('');

		const tooLong = IndicatorInput.safeParse({ ...form, licence: 'x'.repeat(201) });
		expect(tooLong.success).toBe(false);
		expect(tooLong.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['licence', 'indicators.errors.tooLong']
		]);
	});
});
