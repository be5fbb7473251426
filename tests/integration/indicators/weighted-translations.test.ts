// The indicator form's choices, saved and used: a weighted mean (weight = a count indicator) gives the
// parent levels Σ value × weight ÷ Σ weight in the same transaction as the save; names, units and
// descriptions per language reach the open-data API with German as the fallback. On both databases.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import type { Actor } from '../../../src/lib/server/auth/actor';
import {
	createIndicator,
	getIndicator,
	IndicatorInput,
	indicatorFormValues,
	saveIndicatorTranslation,
	updateIndicator
} from '../../../src/lib/server/indicators';
import { writeValues } from '../../../src/lib/server/indicators/write-values';
import { getApiValues, listApiIndicators } from '../../../src/lib/server/monitoring';
import { describeEachDatabase } from '../helpers/db';

const now = new Date('2026-03-01T10:00:00Z');
const resident = { ...SYSTEM_ACTOR, id: randomUUID(), system: false, grants: [] } as Actor;

describeEachDatabase('indicator form: weighted mean and translations', (get) => {
	const ctx = () => ({ db: get().db, actor: SYSTEM_ACTOR, now });
	let bezirk: string;
	let leaves: string[];
	let einwohner: string;
	let anteil: string;

	beforeAll(async () => {
		const db = get().db;
		const levels = await db
			.insertInto('area_level')
			.values([
				{ key: 'bezirk', name: 'Bezirk', rank: 1 },
				{ key: 'quartier', name: 'Quartier', rank: 2 }
			])
			.returning(['id', 'key'])
			.execute();
		bezirk = randomUUID();
		await db
			.insertInto('area')
			.values({ id: bezirk, level_id: levels[0].id, key: 'B', name: 'Bezirk B' })
			.execute();
		leaves = [randomUUID(), randomUUID()];
		await db
			.insertInto('area')
			.values(
				leaves.map((id, i) => ({
					id,
					level_id: levels[1].id,
					key: `Q${i}`,
					name: `Q${i}`,
					parent_id: bezirk
				}))
			)
			.execute();
		const make = async (key: string, extra: Record<string, string>) => {
			const r = await createIndicator(
				ctx(),
				IndicatorInput.parse({ key, name: key, domain: 'basisdaten', visibility: 'public', ...extra })
			);
			if (!r.ok) throw new Error(r.code);
			return r.value.id;
		};
		einwohner = await make('einwohner', { aggregation: 'sum', unit: 'Personen' });
		anteil = await make('anteil', { aggregation: 'none', unit: '%', name: 'Anteil Alleinerziehender' });
		// Q0: 1,000 residents, 10 %; Q1: 3,000 residents, 30 % → weighted 25 % (unweighted would be 20 %).
		await writeValues(
			db,
			{
				indicatorId: [einwohner, einwohner, anteil, anteil],
				areaId: [leaves[0], leaves[1], leaves[0], leaves[1]],
				year: [2024, 2024, 2024, 2024],
				value: [1000, 3000, 10, 30],
				category: [null, null, null, null],
				reason: [null, null, null, null]
			},
			{ derived: false, importId: null }
		);
	});

	it('refuses a weighted mean without a weight', () => {
		const r = IndicatorInput.safeParse({
			key: 'x',
			name: 'x',
			domain: 'basisdaten',
			aggregation: 'weighted'
		});
		expect(r.success).toBe(false);
		expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
			'weightId',
			'indicatorTexts.errors.weightRequired'
		]);
	});

	it('saves the weighted mean and derives the parent value at once', async () => {
		const db = get().db;
		const before = (await getIndicator(db, anteil))!;
		const values = { ...indicatorFormValues(before), aggregation: 'weighted', weightId: einwohner };
		const saved = await updateIndicator(ctx(), anteil, IndicatorInput.parse(values));
		expect(saved.ok).toBe(true);
		const row = await db
			.selectFrom('indicator')
			.select(['aggregation', 'numerator_id', 'denominator_id'])
			.where('id', '=', anteil)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ aggregation: 'none', numerator_id: null, denominator_id: einwohner });
		const derived = await db
			.selectFrom('indicator_value')
			.select(['value', 'derived'])
			.where('indicator_id', '=', anteil)
			.where('area_id', '=', bezirk)
			.executeTakeFirstOrThrow();
		expect(derived).toEqual({ value: 25, derived: true });
		// The form shows the choice again.
		const form = indicatorFormValues((await getIndicator(db, anteil))!);
		expect([form.aggregation, form.weightId, form.denominatorId]).toEqual(['weighted', einwohner, '']);
		// The API's Bezirk value is the weighted mean.
		const api = await getApiValues(db, { minPopulation: 0, minCount: 3 }, 'anteil', {
			level: 'bezirk',
			year: 2024
		});
		if (!api.ok) throw new Error(api.code);
		expect(api.value.values.map((v) => v.value)).toEqual([25]);
	});

	it('switching back to "none" removes the derived values', async () => {
		const db = get().db;
		const values = { ...indicatorFormValues((await getIndicator(db, anteil))!), aggregation: 'none' };
		expect((await updateIndicator(ctx(), anteil, IndicatorInput.parse(values))).ok).toBe(true);
		const derived = await db
			.selectFrom('indicator_value')
			.select('value')
			.where('indicator_id', '=', anteil)
			.where('derived', '=', true)
			.execute();
		expect(derived).toEqual([]);
	});

	it('shows translated names and units in the API, German where not translated', async () => {
		const saved = await saveIndicatorTranslation(ctx(), anteil, {
			language: 'en',
			name: 'Share of single parents',
			unit: '',
			definition: ''
		});
		expect(saved).toEqual({ ok: true, value: { language: 'en' } });
		const en = (await listApiIndicators(get().db, 'en')).find((i) => i.key === 'anteil')!;
		expect([en.name, en.unit, en.textLanguage]).toEqual([
			'Share of single parents',
			'%',
			{ name: 'en', unit: 'de', definition: 'de' }
		]);
		const tr = (await listApiIndicators(get().db, 'tr')).find((i) => i.key === 'anteil')!;
		expect([tr.name, tr.textLanguage.name]).toEqual(['Anteil Alleinerziehender', 'de']);
		const de = (await listApiIndicators(get().db)).find((i) => i.key === 'anteil')!;
		expect(de.name).toBe('Anteil Alleinerziehender');
	});

	it('refuses unknown languages and people without the permission', async () => {
		const bad = await saveIndicatorTranslation(ctx(), anteil, { language: 'fr', name: 'Part' });
		expect(bad.ok ? null : [bad.code, bad.errors?.language]).toEqual([
			'invalid',
			'indicatorTexts.errors.translationLanguage'
		]);
		const forbidden = await saveIndicatorTranslation({ ...ctx(), actor: resident }, anteil, {
			language: 'en',
			name: 'Hacked'
		});
		expect(forbidden.ok ? null : forbidden.code).toBe('not_found');
		const missing = await saveIndicatorTranslation(ctx(), randomUUID(), { language: 'en', name: 'X' });
		expect(missing.ok ? null : missing.code).toBe('not_found');
		// Emptying every field removes the language.
		await saveIndicatorTranslation(ctx(), anteil, { language: 'en', name: '', unit: '', definition: '' });
		const en = (await listApiIndicators(get().db, 'en')).find((i) => i.key === 'anteil')!;
		expect(en.name).toBe('Anteil Alleinerziehender');
	});
});
