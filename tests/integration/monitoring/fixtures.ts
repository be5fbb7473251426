// A small city written straight into the tables: Stadt → 2 Bezirke → 6 Quartiere (one of them tiny),
// a public rate with an internal numerator, a public index indicator, an internal indicator.
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/types';

const square = (x: number, y: number, size = 0.01) => ({
	type: 'Polygon',
	coordinates: [
		[
			[7 + x * size, 51 + y * size],
			[7 + (x + 1) * size, 51 + y * size],
			[7 + (x + 1) * size, 51 + (y + 1) * size],
			[7 + x * size, 51 + (y + 1) * size],
			[7 + x * size, 51 + y * size]
		]
	]
});

export interface TestCity {
	areas: Record<string, string>;
	indicators: Record<string, string>;
}

/** Quartiere: key → [parent, population, poor children (numerator), children (denominator), green space]. */
const QUARTIERE: Record<string, [string, number, number, number, number]> = {
	'0101': ['01', 5000, 100, 1000, 9],
	'0102': ['01', 800, 20, 100, 12],
	'0103': ['01', 4000, 150, 800, 6],
	'0201': ['02', 6000, 300, 1200, 4],
	'0202': ['02', 3000, 2, 400, 15],
	'0203': ['02', 7000, 280, 1400, 7]
};

export async function insertTestCity(db: Kysely<DB>): Promise<TestCity> {
	const levels = await db
		.insertInto('area_level')
		.values([
			{ key: 'stadt', name: 'Stadt', rank: 0 },
			{ key: 'bezirk', name: 'Stadtbezirk', rank: 1 },
			{ key: 'quartier', name: 'Quartier', rank: 2 }
		])
		.returning(['id', 'key'])
		.execute();
	const level = Object.fromEntries(levels.map((l) => [l.key, l.id]));
	const areas: Record<string, string> = {};
	const insert = async (
		levelKey: string,
		key: string,
		name: string,
		parent: string | null,
		population: number,
		geometry: unknown
	) => {
		const row = await db
			.insertInto('area')
			.values({
				level_id: level[levelKey],
				key,
				name,
				parent_id: parent ? areas[`${parent}`] : null,
				population,
				population_year: 2024,
				geometry: JSON.stringify(geometry),
				bbox: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		areas[key] = row.id;
	};
	const total = Object.values(QUARTIERE).reduce((s, q) => s + q[1], 0);
	await insert('stadt', '00', 'Teststadt', null, total, square(0, 0, 0.06));
	await insert('bezirk', '01', 'Nord', '00', 9800, square(0, 0, 0.03));
	await insert('bezirk', '02', 'Süd', '00', 16000, square(1, 0, 0.03));
	let i = 0;
	for (const [key, [parent, population]] of Object.entries(QUARTIERE))
		await insert('quartier', key, `Quartier ${key}`, parent, population, square(i++, 0));

	const indicator = async (values: Record<string, unknown>) =>
		(
			await db
				.insertInto('indicator')
				.values({ domain: 'oekonomische_situation', ...values } as never)
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	const poor = await indicator({
		key: 'arme-kinder',
		name: 'Arme Kinder',
		unit: 'Personen',
		aggregation: 'sum',
		visibility: 'internal'
	});
	const kids = await indicator({
		key: 'kinder',
		name: 'Kinder',
		unit: 'Personen',
		aggregation: 'sum',
		visibility: 'public',
		domain: 'basisdaten'
	});
	const rate = await indicator({
		key: 'kinderarmut',
		name: 'Kinderarmut',
		unit: '%',
		source: 'Jobcenter',
		as_of: '31.12.',
		aggregation: 'rate',
		numerator_id: poor,
		denominator_id: kids,
		polarity: 'higher_is_worse',
		visibility: 'public',
		in_composite_index: true
	});
	const green = await indicator({
		key: 'gruen',
		name: 'Grünfläche',
		unit: 'm²',
		aggregation: 'none',
		polarity: 'higher_is_better',
		visibility: 'public',
		domain: 'wohnen_umwelt',
		in_composite_index: true
	});
	const secret = await indicator({
		key: 'geheim',
		name: 'Geheim',
		unit: '%',
		visibility: 'internal',
		domain: 'gesundheit'
	});

	type V = {
		indicator_id: string;
		area_id: string;
		year: number;
		value: number | null;
		reason?: string | null;
		derived?: boolean;
	};
	const values: V[] = [];
	for (const year of [2023, 2024]) {
		const sums = new Map<string, [number, number]>();
		for (const [key, [parent, , n, d, g]] of Object.entries(QUARTIERE)) {
			const shift = year === 2023 ? 10 : 0;
			values.push({ indicator_id: poor, area_id: areas[key], year, value: n + (n > 5 ? shift : 0) });
			values.push({ indicator_id: kids, area_id: areas[key], year, value: d });
			values.push({
				indicator_id: rate,
				area_id: areas[key],
				year,
				value: ((n + (n > 5 ? shift : 0)) / d) * 100,
				derived: true
			});
			values.push({ indicator_id: green, area_id: areas[key], year, value: g });
			values.push({ indicator_id: secret, area_id: areas[key], year, value: 42 });
			for (const up of [parent, '00']) {
				const [sn, sd] = sums.get(up) ?? [0, 0];
				sums.set(up, [sn + n + (n > 5 ? shift : 0), sd + d]);
			}
		}
		for (const [key, [n, d]] of sums) {
			values.push({ indicator_id: poor, area_id: areas[key], year, value: n, derived: true });
			values.push({ indicator_id: kids, area_id: areas[key], year, value: d, derived: true });
			values.push({ indicator_id: rate, area_id: areas[key], year, value: (n / d) * 100, derived: true });
		}
	}
	// An official placeholder: Grünfläche of 0201 in 2024 is unknown ('.').
	const g = values.find((v) => v.indicator_id === green && v.area_id === areas['0201'] && v.year === 2024)!;
	g.value = null;
	g.reason = 'unknown_or_secret';
	await db.insertInto('indicator_value').values(values).execute();
	return { areas, indicators: { poor, kids, rate, green, secret } };
}
