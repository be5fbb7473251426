// Demo indicators for Musterstadt: 19 fictional indicators in all five domains, 2021–2025, per Quartier
// (parents and rates derived by the normal aggregation). Generated deterministically (fixed seed) from a
// spatially smooth latent "Lebenslagen" factor, so the map looks plausible: a few neighbouring Quartiere
// with more attention needed, indicators correlated with the factor by their polarity, gentle trends.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { mulberry32, randomBetween, type Random } from '../../geo';
import type { DB } from '../db/types';
import { recomputeDerivedValues } from '../indicators/recompute';
import { writeValues } from '../indicators/write-values';
import type { Aggregation, Domain, IndicatorPolarity, Visibility } from '../indicators/schemas';
import type { DemoArea, DemoCity } from './city';

export const DEMO_INDICATOR_SEED = 20261124;
export const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

const STATISTIK = 'Musterstadt, Kommunalstatistik (fiktiv)';
const JOBCENTER = 'Musterstadt, Jobcenter und Bundesagentur für Arbeit (fiktiv)';
const GESUNDHEITSAMT = 'Musterstadt, Gesundheitsamt – Schuleingangsuntersuchung (fiktiv)';
const SCHULAMT = 'Musterstadt, Schulamt (fiktiv)';
const UMWELTAMT = 'Musterstadt, Umweltamt (fiktiv)';
const PFLEGE = 'Musterstadt, Sozialamt – Pflegestatistik (fiktiv)';
/** The labour statistics name their own terms of use; every other demo indicator falls back to the platform's licence. */
export const DEMO_JOBCENTER_LICENCE =
	'Statistik der Bundesagentur für Arbeit – Nutzung mit Quellenangabe (fiktiv)';

export interface DemoIndicator {
	key: string;
	name: string;
	definition: string;
	unit: string;
	source: string;
	asOf: string;
	domain: Domain;
	polarity: IndicatorPolarity;
	visibility: Visibility;
	aggregation: Aggregation;
	numerator?: string;
	denominator?: string;
	scale?: number;
	inCompositeIndex?: boolean;
}

/** Counts first (rates refer to them); rates have no own values: they are derived at every level. */
export const DEMO_INDICATORS: readonly DemoIndicator[] = [
	{
		key: 'einwohner',
		name: 'Einwohnerinnen und Einwohner',
		definition: 'Alle Menschen mit Hauptwohnsitz im Gebiet am Jahresende.',
		unit: 'Personen',
		source: STATISTIK,
		asOf: 'jeweils 31.12.',
		domain: 'basisdaten',
		polarity: 'neutral',
		visibility: 'public',
		aggregation: 'sum'
	},
	{
		key: 'kinder-unter-15',
		name: 'Kinder unter 15 Jahren',
		definition: 'Kinder, die am Jahresende jünger als 15 Jahre sind.',
		unit: 'Personen',
		source: STATISTIK,
		asOf: 'jeweils 31.12.',
		domain: 'basisdaten',
		polarity: 'neutral',
		visibility: 'public',
		aggregation: 'sum'
	},
	{
		key: 'einwohner-65-plus',
		name: 'Menschen ab 65 Jahren',
		definition: 'Einwohnerinnen und Einwohner, die am Jahresende 65 Jahre oder älter sind.',
		unit: 'Personen',
		source: STATISTIK,
		asOf: 'jeweils 31.12.',
		domain: 'basisdaten',
		polarity: 'neutral',
		visibility: 'public',
		aggregation: 'sum'
	},
	{
		key: 'einwohner-15-64',
		name: 'Menschen von 15 bis unter 65 Jahren',
		definition: 'Einwohnerinnen und Einwohner im erwerbsfähigen Alter.',
		unit: 'Personen',
		source: STATISTIK,
		asOf: 'jeweils 31.12.',
		domain: 'basisdaten',
		polarity: 'neutral',
		// Public: residents minus the two other (public) age groups give it anyway, so "internal" could
		// not protect it; as a public count it is protected by the joint disclosure decision instead.
		visibility: 'public',
		aggregation: 'sum'
	},
	{
		key: 'anteil-65-plus',
		name: 'Anteil der Menschen ab 65 Jahren',
		definition: 'Wie viele von 100 Einwohnerinnen und Einwohnern 65 Jahre oder älter sind.',
		unit: '%',
		source: STATISTIK,
		asOf: 'jeweils 31.12.',
		domain: 'basisdaten',
		polarity: 'neutral',
		visibility: 'public',
		aggregation: 'rate',
		numerator: 'einwohner-65-plus',
		denominator: 'einwohner'
	},
	{
		key: 'kinder-sgb-ii',
		name: 'Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften',
		definition: 'Kinder unter 15 Jahren, deren Familie Bürgergeld (SGB II) bezieht.',
		unit: 'Personen',
		source: JOBCENTER,
		asOf: 'jeweils 31.12.',
		domain: 'oekonomische_situation',
		polarity: 'higher_is_worse',
		visibility: 'internal',
		aggregation: 'sum'
	},
	{
		key: 'kinderarmut',
		name: 'Kinderarmut',
		definition:
			'Wie viele von 100 Kindern unter 15 Jahren in einer Familie leben, die Bürgergeld (SGB II) bezieht.',
		unit: '%',
		source: JOBCENTER,
		asOf: 'jeweils 31.12.',
		domain: 'oekonomische_situation',
		polarity: 'higher_is_worse',
		visibility: 'public',
		aggregation: 'rate',
		numerator: 'kinder-sgb-ii',
		denominator: 'kinder-unter-15',
		inCompositeIndex: true
	},
	{
		key: 'leistungsberechtigte-sgb-ii',
		name: 'Leistungsberechtigte nach dem SGB II',
		definition: 'Menschen, die Bürgergeld (SGB II) beziehen, alle Altersgruppen.',
		unit: 'Personen',
		source: JOBCENTER,
		asOf: 'jeweils 31.12.',
		domain: 'oekonomische_situation',
		polarity: 'higher_is_worse',
		visibility: 'internal',
		aggregation: 'sum'
	},
	{
		key: 'sgb-ii-anteil',
		name: 'Anteil der Menschen mit Bürgergeld (SGB II)',
		definition: 'Wie viele von 100 Einwohnerinnen und Einwohnern Bürgergeld (SGB II) beziehen.',
		unit: '%',
		source: JOBCENTER,
		asOf: 'jeweils 31.12.',
		domain: 'oekonomische_situation',
		polarity: 'higher_is_worse',
		visibility: 'public',
		aggregation: 'rate',
		numerator: 'leistungsberechtigte-sgb-ii',
		denominator: 'einwohner',
		inCompositeIndex: true
	},
	{
		key: 'arbeitslose',
		name: 'Arbeitslose',
		definition: 'Arbeitslos gemeldete Menschen von 15 bis unter 65 Jahren.',
		unit: 'Personen',
		source: JOBCENTER,
		asOf: 'jeweils 31.12.',
		domain: 'oekonomische_situation',
		polarity: 'higher_is_worse',
		visibility: 'internal',
		aggregation: 'sum'
	},
	{
		key: 'arbeitslosenanteil',
		name: 'Arbeitslosenanteil',
		definition: 'Wie viele von 100 Menschen zwischen 15 und 65 Jahren arbeitslos gemeldet sind.',
		unit: '%',
		source: JOBCENTER,
		asOf: 'jeweils 31.12.',
		domain: 'oekonomische_situation',
		polarity: 'higher_is_worse',
		visibility: 'public',
		aggregation: 'rate',
		numerator: 'arbeitslose',
		denominator: 'einwohner-15-64',
		inCompositeIndex: true
	},
	{
		key: 'einschulungskinder',
		name: 'Untersuchte Einschulungskinder',
		definition: 'Kinder, die bei der Schuleingangsuntersuchung untersucht wurden.',
		unit: 'Kinder',
		source: GESUNDHEITSAMT,
		asOf: 'Schuljahr, das im Herbst des Jahres beginnt',
		domain: 'erziehung_bildung',
		polarity: 'neutral',
		visibility: 'internal',
		aggregation: 'sum'
	},
	{
		key: 'sprachfoerderbedarf-anzahl',
		name: 'Einschulungskinder mit Sprachförderbedarf',
		definition: 'Einschulungskinder, bei denen ein Bedarf an Sprachförderung festgestellt wurde.',
		unit: 'Kinder',
		source: GESUNDHEITSAMT,
		asOf: 'Schuljahr, das im Herbst des Jahres beginnt',
		domain: 'erziehung_bildung',
		polarity: 'higher_is_worse',
		visibility: 'internal',
		aggregation: 'sum'
	},
	{
		key: 'sprachfoerderbedarf',
		name: 'Sprachförderbedarf bei der Einschulung',
		definition: 'Wie viele von 100 untersuchten Einschulungskindern Sprachförderung brauchen.',
		unit: '%',
		source: GESUNDHEITSAMT,
		asOf: 'Schuljahr, das im Herbst des Jahres beginnt',
		domain: 'erziehung_bildung',
		polarity: 'higher_is_worse',
		visibility: 'public',
		aggregation: 'rate',
		numerator: 'sprachfoerderbedarf-anzahl',
		denominator: 'einschulungskinder',
		inCompositeIndex: true
	},
	{
		key: 'hochschulreife',
		name: 'Schulabschlüsse mit Hochschulreife',
		definition:
			'Wie viele von 100 Schulabgängerinnen und Schulabgängern aus dem Gebiet das Abitur oder die Fachhochschulreife haben.',
		unit: '%',
		source: SCHULAMT,
		asOf: 'Schuljahresende',
		domain: 'erziehung_bildung',
		polarity: 'higher_is_better',
		visibility: 'public',
		aggregation: 'none',
		inCompositeIndex: true
	},
	{
		key: 'uebergewicht-einschulung',
		name: 'Übergewicht bei der Einschulung',
		definition: 'Wie viele von 100 untersuchten Einschulungskindern übergewichtig sind.',
		unit: '%',
		source: GESUNDHEITSAMT,
		asOf: 'Schuljahr, das im Herbst des Jahres beginnt',
		domain: 'gesundheit',
		polarity: 'higher_is_worse',
		visibility: 'public',
		aggregation: 'none',
		inCompositeIndex: true
	},
	{
		key: 'pflegebeduerftige',
		name: 'Pflegebedürftige Menschen ab 65 Jahren',
		definition: 'Menschen ab 65 Jahren mit einem Pflegegrad.',
		unit: 'Personen',
		source: PFLEGE,
		asOf: 'jeweils 15.12.',
		domain: 'gesundheit',
		polarity: 'neutral',
		visibility: 'internal',
		aggregation: 'sum'
	},
	{
		key: 'pflegequote',
		name: 'Pflegebedürftigkeit ab 65 Jahren',
		definition: 'Wie viele von 1.000 Menschen ab 65 Jahren einen Pflegegrad haben.',
		unit: 'je 1.000',
		source: PFLEGE,
		asOf: 'jeweils 15.12.',
		domain: 'gesundheit',
		polarity: 'neutral',
		visibility: 'public',
		aggregation: 'rate',
		numerator: 'pflegebeduerftige',
		denominator: 'einwohner-65-plus',
		scale: 1000
	},
	{
		key: 'wohndauer-5-jahre',
		name: 'Lange Wohndauer',
		definition:
			'Wie viele von 100 Einwohnerinnen und Einwohnern seit mindestens fünf Jahren an derselben Adresse wohnen.',
		unit: '%',
		source: STATISTIK,
		asOf: 'jeweils 31.12.',
		domain: 'wohnen_umwelt',
		polarity: 'higher_is_better',
		visibility: 'public',
		aggregation: 'none',
		inCompositeIndex: true
	},
	{
		key: 'gruenflaeche',
		name: 'Erreichbare Grünfläche je Einwohner/in',
		definition: 'Öffentliche Grün- und Erholungsfläche in 500 m Fußweg, geteilt durch die Einwohnerzahl.',
		unit: 'm²',
		source: UMWELTAMT,
		asOf: 'jeweils 31.12.',
		domain: 'wohnen_umwelt',
		polarity: 'higher_is_better',
		visibility: 'public',
		aggregation: 'none',
		inCompositeIndex: true
	},
	{
		key: 'laermbelastung',
		name: 'Wohnungen mit hoher Lärmbelastung',
		definition: 'Wie viele von 100 Wohnungen nachts mehr als 55 dB(A) Straßenlärm abbekommen.',
		unit: '%',
		source: UMWELTAMT,
		asOf: 'Lärmkartierung, jeweils 31.12.',
		domain: 'wohnen_umwelt',
		polarity: 'higher_is_worse',
		visibility: 'internal',
		aggregation: 'none'
	}
];

export interface DemoIndicatorValue {
	indicatorKey: string;
	/** key of a Quartier */
	areaKey: string;
	year: number;
	value: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round1 = (v: number) => Math.round(v * 10) / 10;
const KM_PER_DEGREE = 111.2;

function centre(area: DemoArea): [number, number] {
	const [minX, minY, maxX, maxY] = area.bbox;
	const lat = (minY + maxY) / 2;
	// Plane in km (x scaled by cos φ).
	return [((minX + maxX) / 2) * KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180), lat * KM_PER_DEGREE];
}

/**
 * The latent factor per Quartier in [0, 1] (1 = most attention needed): two seeded centres with a smooth
 * fall-off, plus a little noise. Also each Quartier's closeness to the city centre (for noise and green).
 */
export function demoLatentFactors(
	city: DemoCity,
	random: Random
): Map<string, { disadvantage: number; central: number }> {
	const quartiere = city.areas.filter((a) => a.levelKey === 'quartier');
	const points = quartiere.map(centre);
	const cityCentre = centre(city.areas.find((a) => a.levelKey === 'stadt')!);
	const dist = (p: [number, number], q: [number, number]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
	const maxDist = Math.max(...points.map((p) => dist(p, cityCentre)));
	// Centres: two larger Quartiere, not on the rural edge, picked with the seed.
	const candidates = quartiere
		.map((q, i) => ({ q, i }))
		.filter(({ q, i }) => q.population >= 3000 && dist(points[i], cityCentre) < 0.75 * maxDist);
	const first = candidates[Math.floor(random() * candidates.length)];
	const far = candidates.filter(({ i }) => dist(points[i], points[first.i]) > 0.35 * maxDist);
	const second = (far.length ? far : candidates)[Math.floor(random() * (far.length || candidates.length))];
	const radius = 0.22 * maxDist;
	const out = new Map<string, { disadvantage: number; central: number }>();
	quartiere.forEach((q, i) => {
		const a = Math.exp(-((dist(points[i], points[first.i]) / radius) ** 2));
		const b = 0.8 * Math.exp(-((dist(points[i], points[second.i]) / radius) ** 2));
		const disadvantage = clamp(0.12 + 0.85 * Math.max(a, b) + randomBetween(random, -0.06, 0.06), 0, 1);
		out.set(q.key, { disadvantage, central: clamp(1 - dist(points[i], cityCentre) / maxDist, 0, 1) });
	});
	return out;
}

/** All own values (Quartiere only; counts and shares without counts). Same output on every run. */
export function generateDemoIndicatorValues(
	city: DemoCity,
	seed = DEMO_INDICATOR_SEED
): DemoIndicatorValue[] {
	const random = mulberry32(seed);
	const factors = demoLatentFactors(city, random);
	const out: DemoIndicatorValue[] = [];
	const quartiere = city.areas.filter((a) => a.levelKey === 'quartier');
	for (const q of quartiere) {
		const { disadvantage: d, central } = factors.get(q.key)!;
		// Stable per-Quartier deviations (so indicators are correlated, not identical).
		const own = () => randomBetween(random, -1, 1);
		const n = {
			kids: own(),
			old: own(),
			poverty: own(),
			jobs: own(),
			language: own(),
			school: own(),
			weight: own(),
			stay: own(),
			green: own(),
			noise: own(),
			care: own()
		};
		for (const year of DEMO_YEARS) {
			const t = year - 2023;
			const jitter = () => randomBetween(random, -1, 1);
			const add = (indicatorKey: string, value: number) =>
				out.push({ indicatorKey, areaKey: q.key, year, value });
			// Population grows gently; the 2025 value is the area's population.
			const population =
				year === 2025
					? q.population
					: Math.round(q.population * (1 - 0.004 * (2025 - year) + 0.003 * jitter()));
			const kids = Math.round(
				population * clamp(0.115 + 0.055 * d + 0.012 * n.kids + 0.002 * jitter(), 0.06, 0.22)
			);
			const old = Math.round(
				population * clamp(0.235 - 0.08 * d + 0.025 * n.old + 0.003 * jitter() + 0.003 * t, 0.1, 0.35)
			);
			const working = population - kids - old;
			add('einwohner', population);
			add('kinder-unter-15', kids);
			add('einwohner-65-plus', old);
			add('einwohner-15-64', working);
			const poverty = clamp(
				0.05 + 0.42 * d ** 1.3 + 0.03 * n.poverty + 0.01 * jitter() - 0.006 * t,
				0.01,
				0.7
			);
			add('kinder-sgb-ii', Math.round(kids * poverty));
			add(
				'leistungsberechtigte-sgb-ii',
				Math.round(population * clamp(poverty * 0.55 + 0.01 * jitter(), 0.005, 0.5))
			);
			const unemployment = clamp(0.03 + 0.1 * d + 0.012 * n.jobs + 0.004 * jitter() - 0.002 * t, 0.01, 0.3);
			add('arbeitslose', Math.round(working * unemployment));
			const pupils = Math.max(1, Math.round(population * (0.0095 + 0.003 * d) * (1 + 0.08 * jitter())));
			add('einschulungskinder', pupils);
			const language = clamp(0.06 + 0.5 * d + 0.05 * n.language + 0.03 * jitter(), 0, 0.9);
			add('sprachfoerderbedarf-anzahl', Math.round(pupils * language));
			add('hochschulreife', round1(clamp(58 - 38 * d + 6 * n.school + 2 * jitter() + 0.6 * t, 10, 80)));
			add('uebergewicht-einschulung', round1(clamp(5.5 + 11 * d + 1.5 * n.weight + 1 * jitter(), 2, 30)));
			add(
				'pflegebeduerftige',
				Math.round(old * clamp(0.13 + 0.05 * d + 0.015 * n.care + 0.004 * t, 0.05, 0.3))
			);
			add('wohndauer-5-jahre', round1(clamp(68 - 22 * d + 5 * n.stay + 1.5 * jitter(), 30, 90)));
			add(
				'gruenflaeche',
				round1(clamp(14 + 38 * (1 - central) - 8 * d + 5 * n.green + 0.4 * jitter(), 3, 80))
			);
			add('laermbelastung', round1(clamp(8 + 26 * central + 9 * d + 4 * n.noise + jitter(), 1, 60)));
		}
	}
	return out;
}

/**
 * Inserts the demo indicators and their Quartier values inside the seed's transaction, then derives
 * the parents and rates (same transaction). `areaId` maps "levelKey:key" to the inserted area ids.
 */
export async function insertDemoIndicators(
	trx: Kysely<DB>,
	city: DemoCity,
	areaId: ReadonlyMap<string, string>
): Promise<{ indicators: number; values: number }> {
	const ids = new Map(DEMO_INDICATORS.map((i) => [i.key, randomUUID()]));
	await trx
		.insertInto('indicator')
		.values(
			DEMO_INDICATORS.map((i, n) => ({
				id: ids.get(i.key)!,
				key: i.key,
				name: i.name,
				definition: i.definition,
				unit: i.unit,
				source: i.source,
				licence: i.source === JOBCENTER ? DEMO_JOBCENTER_LICENCE : '',
				as_of: i.asOf,
				domain: i.domain,
				polarity: i.polarity,
				visibility: i.visibility,
				value_type: 'numeric',
				aggregation: i.aggregation,
				numerator_id: i.numerator ? ids.get(i.numerator)! : null,
				denominator_id: i.denominator ? ids.get(i.denominator)! : null,
				scale: i.scale ?? 100,
				in_composite_index: i.inCompositeIndex ?? false,
				sort_order: n,
				is_demo: true
			}))
		)
		.execute();
	const values = generateDemoIndicatorValues(city);
	await writeValues(
		trx,
		{
			indicatorId: values.map((v) => ids.get(v.indicatorKey)!),
			areaId: values.map((v) => areaId.get(`quartier:${v.areaKey}`)!),
			year: values.map((v) => v.year),
			value: values.map((v) => v.value),
			category: values.map(() => null),
			reason: values.map(() => null)
		},
		{ derived: false, importId: null }
	);
	await recomputeDerivedValues(trx, { indicatorIds: [...ids.values()] });
	return { indicators: DEMO_INDICATORS.length, values: values.length };
}

/** Deletes the demo indicators (their values cascade). */
export async function deleteDemoIndicators(trx: Kysely<DB>): Promise<void> {
	await trx.deleteFrom('indicator').where('is_demo', '=', true).execute();
}
