// A differencing attack on every public output of the demo city: everything the open-data API, the
// map, the profiles (heading, key figures, series) and areas.geojson publish is collected, and an
// attacker who knows the published rules (parents are sums of their children, a rate is numerator /
// denominator × scale, the area population is the number of residents) solves the resulting linear
// system. No protected number — a suppressed cell, a cell of an internal indicator, the population
// of a protected area — may come out exactly.
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../../src/lib/server/demo';
import {
	buildAreasGeoJson,
	getApiValues,
	isSuppression,
	listApiIndicators,
	listLevels,
	loadHiddenAreas,
	loadMapView,
	loadProfile,
	MapQuery
} from '../../../src/lib/server/monitoring';
import { describeEachDatabase } from '../helpers/db';

const rules = { minPopulation: 1000, minCount: 3 };

interface Truth {
	indicators: {
		id: string;
		key: string;
		aggregation: string;
		visibility: string;
		numeratorId: string | null;
		denominatorId: string | null;
		scale: number;
	}[];
	areas: {
		id: string;
		key: string;
		level: string;
		parentId: string | null;
		population: number | null;
		populationYear: number | null;
	}[];
	/** indicatorId|areaId|year → value */
	values: Map<string, number>;
}

/** What the outputs published: quantity|areaId|year → value, and rates: rateId|areaId|year → rate. */
interface Observed {
	known: Map<string, number>;
	rates: Map<string, number>;
	suppressedRates: Set<string>;
	/** indicatorId|areaId|year → the outputs that hid it and those that showed it */
	status: Map<string, { hidden: Set<string>; shown: Set<string> }>;
}

const POP = 'population';

/**
 * Gauss–Jordan elimination; returns the unknowns (column indices) that the equations determine, with
 * their values. An unknown is determined iff the reduced row echelon form has a row that is its unit vector.
 */
function determined(rows: { coef: Map<number, number>; rhs: number }[], n: number): Map<number, number> {
	const m = rows.map((r) => {
		const a = new Float64Array(n + 1);
		for (const [j, c] of r.coef) a[j] += c;
		a[n] = r.rhs;
		return a;
	});
	let rank = 0;
	const pivots: number[] = [];
	for (let col = 0; col < n && rank < m.length; col++) {
		let best = rank;
		for (let r = rank + 1; r < m.length; r++) if (Math.abs(m[r][col]) > Math.abs(m[best][col])) best = r;
		if (Math.abs(m[best][col]) < 1e-9) continue;
		[m[rank], m[best]] = [m[best], m[rank]];
		const p = m[rank];
		const inv = 1 / p[col];
		for (let j = col; j <= n; j++) p[j] *= inv;
		for (let r = 0; r < m.length; r++) {
			if (r === rank) continue;
			const f = m[r][col];
			if (f === 0) continue;
			const row = m[r];
			for (let j = col; j <= n; j++) row[j] -= f * p[j];
		}
		pivots.push(col);
		rank++;
	}
	const result = new Map<number, number>();
	for (let r = 0; r < rank; r++) {
		const col = pivots[r];
		let alone = true;
		for (let j = 0; j < n; j++) if (j !== col && Math.abs(m[r][j]) > 1e-7) alone = false;
		if (alone) result.set(col, m[r][n]);
	}
	return result;
}

async function loadTruth(db: Parameters<typeof seedDemo>[0]['db']): Promise<Truth> {
	const indicators = (
		await db
			.selectFrom('indicator')
			.select(['id', 'key', 'aggregation', 'visibility', 'numerator_id', 'denominator_id', 'scale'])
			.execute()
	).map((i) => ({
		id: i.id,
		key: i.key,
		aggregation: i.aggregation,
		visibility: i.visibility,
		numeratorId: i.numerator_id,
		denominatorId: i.denominator_id,
		scale: i.scale
	}));
	const areas = (
		await db
			.selectFrom('area as a')
			.innerJoin('area_level as l', 'l.id', 'a.level_id')
			.select(['a.id', 'a.key', 'l.key as level', 'a.parent_id', 'a.population', 'a.population_year'])
			.where('a.valid_to', 'is', null)
			.execute()
	).map((a) => ({
		id: a.id,
		key: a.key,
		level: a.level,
		parentId: a.parent_id,
		population: a.population,
		populationYear: a.population_year
	}));
	const values = new Map<string, number>();
	for (const v of await db
		.selectFrom('indicator_value')
		.select(['indicator_id', 'area_id', 'year', 'value'])
		.execute())
		if (v.value !== null) values.set(`${v.indicator_id}|${v.area_id}|${v.year}`, v.value);
	return { indicators, areas, values };
}

async function collectPublished(db: Parameters<typeof seedDemo>[0]['db'], truth: Truth): Promise<Observed> {
	const observed: Observed = {
		known: new Map(),
		rates: new Map(),
		suppressedRates: new Set(),
		status: new Map()
	};
	const byLevelKey = new Map(truth.areas.map((a) => [`${a.level}|${a.key}`, a]));
	const indicatorByKey = new Map(truth.indicators.map((i) => [i.key, i]));
	const record = (key: string, value: number | null) => {
		if (value === null) return;
		const before = observed.known.get(key);
		if (before !== undefined) expect(Math.abs(before - value)).toBeLessThan(1e-6);
		observed.known.set(key, value);
	};
	const publishCell = (
		output: string,
		indicatorKey: string,
		areaId: string,
		year: number,
		cell: { value: number | null; count: number | null; reason: string | null }
	) => {
		const indicator = indicatorByKey.get(indicatorKey)!;
		const key = `${indicator.id}|${areaId}|${year}`;
		const status = observed.status.get(key) ?? { hidden: new Set<string>(), shown: new Set<string>() };
		observed.status.set(key, status);
		(isSuppression(cell.reason as never) ? status.hidden : status.shown).add(output);
		if (indicator.aggregation === 'sum') record(key, cell.value);
		if (indicator.aggregation === 'rate') {
			if (cell.value !== null) observed.rates.set(key, cell.value);
			if (cell.count !== null) record(`${indicator.numeratorId}|${areaId}|${year}`, cell.count);
			if (cell.value === null && isSuppression(cell.reason as never)) observed.suppressedRates.add(key);
		}
	};

	const levels = await listLevels(db);
	const indicators = await listApiIndicators(db);
	// Open data: every public indicator on every level in every year (the map uses the same cells).
	for (const indicator of indicators)
		for (const level of levels)
			for (const year of indicator.years) {
				const result = await getApiValues(db, rules, indicator.key, { level: level.key, year });
				if (!result.ok) throw new Error(result.code);
				for (const v of result.value.values)
					publishCell('api', indicator.key, byLevelKey.get(`${level.key}|${v.key}`)!.id, year, v);
				const city = result.value.cityAverage;
				if (city)
					publishCell(
						'api city',
						indicator.key,
						byLevelKey.get(`${levels[0].key}|${city.key}`)!.id,
						year,
						city
					);
			}
	// The map of the latest year on every level.
	for (const level of levels) {
		const map = await loadMapView(db, rules, MapQuery.parse({ ebene: level.key }));
		const { indicator, year } = map.selection!;
		for (const row of map.rows)
			publishCell('map', indicator.key, byLevelKey.get(`${level.key}|${row.key}`)!.id, year, row);
	}
	// areas.geojson: the population of every area.
	for (const level of levels) {
		const { text } = await buildAreasGeoJson(db, level.key, rules);
		for (const f of JSON.parse(text).features as { properties: Record<string, never> }[]) {
			const area = byLevelKey.get(`${level.key}|${f.properties.key}`)!;
			if (f.properties.populationYear !== null)
				record(`${POP}|${area.id}|${f.properties.populationYear}`, f.properties.population);
		}
	}
	// Every profile: heading, key figures of every year, series.
	const years = [...new Set(indicators.flatMap((i) => i.years))];
	for (const area of truth.areas)
		for (const year of years) {
			const profile = (await loadProfile(db, rules, area.key, { ebene: area.level, jahr: year }))!;
			if (profile.area.populationYear !== null)
				record(`${POP}|${area.id}|${profile.area.populationYear}`, profile.area.population);
			for (const f of profile.figures) publishCell('profile', f.indicator.key, area.id, year, f.area);
			if (year !== years.at(-1)) continue;
			for (const s of profile.series)
				for (const p of s.points)
					publishCell('profile series', s.indicator.key, area.id, p.year, { ...p, count: null });
		}
	return observed;
}

/** Every protected number the attacker recovers exactly, as "what|area|year" strings. */
function attack(truth: Truth, observed: Observed): string[] {
	const sums = truth.indicators.filter((i) => i.aggregation === 'sum');
	const years = [...new Set([...truth.values.keys()].map((k) => Number(k.split('|')[2])))];
	const einwohner = truth.indicators.find((i) => i.key === 'einwohner')!;
	const areaKey = new Map(truth.areas.map((a) => [a.id, `${a.level}/${a.key}`]));
	const nameOf = new Map(truth.indicators.map((i) => [i.id, i.key]));
	nameOf.set(POP, POP);
	const trueValue = (q: string, areaId: string, year: number): number | undefined => {
		if (q !== POP) return truth.values.get(`${q}|${areaId}|${year}`);
		const area = truth.areas.find((a) => a.id === areaId)!;
		return area.populationYear === year && area.population !== null ? area.population : undefined;
	};
	const recovered: string[] = [];
	for (const year of years) {
		const columns = new Map<string, number>();
		const col = (q: string, areaId: string) => {
			const key = `${q}|${areaId}|${year}`;
			if (!columns.has(key)) columns.set(key, columns.size);
			return columns.get(key)!;
		};
		const rows: { coef: Map<number, number>; rhs: number }[] = [];
		const quantities = [...sums.map((s) => s.id), POP];
		// Structure: parents are the sums of their children (where the data says so).
		for (const q of quantities)
			for (const parent of truth.areas) {
				const children = truth.areas.filter((a) => a.parentId === parent.id);
				const pv = trueValue(q, parent.id, year);
				const cv = children.map((c) => trueValue(q, c.id, year));
				if (children.length === 0 || pv === undefined || cv.some((v) => v === undefined)) continue;
				if (Math.abs(pv - cv.reduce((s, v) => s! + v!, 0)!) > 1e-6) continue;
				const coef = new Map([[col(q, parent.id), 1]]);
				for (const c of children) coef.set(col(q, c.id), -1);
				rows.push({ coef, rhs: 0 });
			}
		// The area population is the number of residents (where the data says so).
		for (const a of truth.areas) {
			const p = trueValue(POP, a.id, year);
			const e = trueValue(einwohner.id, a.id, year);
			if (p !== undefined && e !== undefined && p === e)
				rows.push({
					coef: new Map([
						[col(POP, a.id), 1],
						[col(einwohner.id, a.id), -1]
					]),
					rhs: 0
				});
		}
		// Age groups add up to the residents (where the data says so): einwohner = kinder-unter-15 +
		// einwohner-15-64 + einwohner-65-plus, so no age group may be internal while the others are public.
		const ageGroups = ['kinder-unter-15', 'einwohner-15-64', 'einwohner-65-plus'].map((key) =>
			truth.indicators.find((i) => i.key === key)!
		);
		for (const a of truth.areas) {
			const e = trueValue(einwohner.id, a.id, year);
			const parts = ageGroups.map((g) => trueValue(g.id, a.id, year));
			if (e === undefined || parts.some((v) => v === undefined)) continue;
			if (Math.abs(e - parts.reduce((s, v) => s! + v!, 0)!) > 1e-6) continue;
			const coef = new Map([[col(einwohner.id, a.id), 1]]);
			for (const g of ageGroups) coef.set(col(g.id, a.id), -1);
			rows.push({ coef, rhs: 0 });
		}
		// Published numbers and rates.
		for (const [key, value] of observed.known) {
			const [q, areaId, y] = key.split('|');
			if (Number(y) === year) rows.push({ coef: new Map([[col(q, areaId), 1]]), rhs: value });
		}
		for (const [key, rate] of observed.rates) {
			const [rateId, areaId, y] = key.split('|');
			if (Number(y) !== year) continue;
			const r = truth.indicators.find((i) => i.id === rateId)!;
			rows.push({
				coef: new Map([
					[col(r.numeratorId!, areaId), 1],
					[col(r.denominatorId!, areaId), -rate / r.scale]
				]),
				rhs: 0
			});
		}
		const solved = determined(rows, columns.size);
		const value = (q: string, areaId: string) => {
			const c = columns.get(`${q}|${areaId}|${year}`);
			return c === undefined ? undefined : solved.get(c);
		};
		const exact = (q: string, areaId: string) => {
			const v = value(q, areaId);
			const t = trueValue(q, areaId, year);
			return v !== undefined && t !== undefined && Math.abs(v - t) < 1e-3;
		};
		// Protected: every sum cell not published directly (suppressed public counts, internal counts,
		// populations of protected areas), and every suppressed rate.
		for (const [key] of columns) {
			const [q, areaId] = key.split('|');
			if (observed.known.has(key) || trueValue(q, areaId, year) === undefined) continue;
			if (exact(q, areaId)) recovered.push(`${nameOf.get(q)}|${areaKey.get(areaId)}|${year}`);
		}
		for (const key of observed.suppressedRates) {
			const [rateId, areaId, y] = key.split('|');
			if (Number(y) !== year) continue;
			const r = truth.indicators.find((i) => i.id === rateId)!;
			const n = value(r.numeratorId!, areaId) ?? observed.known.get(`${r.numeratorId}|${areaId}|${year}`);
			const d = value(r.denominatorId!, areaId) ?? observed.known.get(`${r.denominatorId}|${areaId}|${year}`);
			if (n !== undefined && d !== undefined && d !== 0)
				recovered.push(`${r.key}|${areaKey.get(areaId)}|${year}`);
		}
	}
	return recovered;
}

describeEachDatabase('differencing attack on the published demo city', (get) => {
	let truth: Truth;
	let observed: Observed;
	beforeAll(async () => {
		await seedDemo(get());
		truth = await loadTruth(get().db);
		observed = await collectPublished(get().db, truth);
	}, 240_000);

	it('the outputs do protect something (else the attack proves nothing)', async () => {
		const years = [...new Set([...truth.values.keys()].map((k) => Number(k.split('|')[2])))].sort();
		const hidden = await loadHiddenAreas(get().db, rules, years);
		const byLevel = (y: number) => {
			const counts: Record<string, number> = {};
			for (const id of hidden.get(y)!.keys()) {
				const level = truth.areas.find((a) => a.id === id)!.level;
				counts[level] = (counts[level] ?? 0) + 1;
			}
			return counts;
		};
		console.log(
			'hidden areas per year',
			years.map((y) => [y, byLevel(y)]),
			'of',
			truth.areas.length
		);
		expect(observed.suppressedRates.size).toBeGreaterThan(0);
		expect(observed.known.size).toBeGreaterThan(1000);
	});

	it('hide the same cells in every output (API, map, profile, series)', () => {
		const differing = [...observed.status].filter(([, s]) => s.hidden.size > 0 && s.shown.size > 0);
		expect(differing).toEqual([]);
	});

	it('recovers no protected number from all public outputs', () => {
		const recovered = attack(truth, observed);
		console.log(
			`differencing attack: ${recovered.length} protected numbers recovered`,
			recovered.slice(0, 20)
		);
		expect(recovered).toEqual([]);
	});
});
