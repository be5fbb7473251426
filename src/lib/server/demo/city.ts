// "Musterstadt": a fictional city in NRW coordinates, generated deterministically (fixed seed).
// Quartiere are Voronoi cells of seeded points clipped to a city outline; Stadtteile are unions
// of their Quartiere and Stadtbezirke unions of their Stadtteile, so the levels nest exactly.
// Pure: no database, same output on every run.
import { Delaunay } from 'd3-delaunay';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import intersect from '@turf/intersect';
import union from '@turf/union';
import {
	geometryBbox,
	mulberry32,
	planarArea,
	randomBetween,
	rewindPolygon,
	ringCentroid,
	roundCoordinates,
	type BBox,
	type Random,
	type Ring
} from '../../geo';

export const DEMO_SEED = 20261123;
export const DEMO_CITY_NAME = 'Musterstadt';
export const DEMO_POPULATION_YEAR = 2025;
export const DEMO_VALID_FROM = '2025-01-01';

export const DEMO_LEVELS = [
	{ key: 'stadt', name: 'Stadt', rank: 0 },
	{ key: 'stadtbezirk', name: 'Stadtbezirk', rank: 1 },
	{ key: 'stadtteil', name: 'Stadtteil', rank: 2 },
	{ key: 'quartier', name: 'Quartier', rank: 3 }
] as const;
export type DemoLevelKey = (typeof DEMO_LEVELS)[number]['key'];

export interface DemoArea {
	levelKey: DemoLevelKey;
	key: string;
	name: string;
	/** Key of the parent area (null for the city itself). */
	parentKey: string | null;
	population: number;
	geometry: Polygon | MultiPolygon;
	bbox: BBox;
}

export interface DemoCity {
	levels: typeof DEMO_LEVELS;
	/** Top-down: the city, then Stadtbezirke, Stadtteile, Quartiere, each in key order. */
	areas: DemoArea[];
}

const CITY_KEY = '00';
const QUARTIER_COUNT = 30;
const STADTTEIL_COUNT = 8;
const BEZIRK_COUNT = 3;

// Centre and half-axes (degrees) of the outline: lon ≈ 7.01–7.29, lat ≈ 51.41–51.54.
const CENTER_LON = 7.15;
const CENTER_LAT = 51.475;
const HALF_WIDTH_LON = 0.135;
const HALF_HEIGHT_LAT = 0.062;
const COS_LAT = Math.cos((CENTER_LAT * Math.PI) / 180);

const DIRECTION_NAMES = ['Ost', 'Nordost', 'Nord', 'Nordwest', 'West', 'Südwest', 'Süd', 'Südost'];

/** "Mitte" near the centre, otherwise the compass direction of a point seen from the centre. */
function directionName([x, y]: XY): string {
	if (Math.hypot(x / (HALF_WIDTH_LON * COS_LAT), y / HALF_HEIGHT_LAT) < 0.2) return 'Mitte';
	const sector = Math.round(Math.atan2(y, x) / (Math.PI / 4));
	return DIRECTION_NAMES[(sector + 8) % 8];
}
const STADTTEIL_NAMES = [
	'Am Mühlenbach',
	'Lindenhof',
	'Bergfeld',
	'Kirchdorf',
	'Wiesental',
	'Eichenau',
	'Sonnenhang',
	'Hafenviertel'
];
const QUARTIER_NAMES = [
	'Schlossgarten',
	'Rosenhügel',
	'An der Kirche',
	'Bahnhofsviertel',
	'Lindenallee',
	'Mühlenweg',
	'Am Stadtpark',
	'Gartenstadt',
	'Hohe Heide',
	'Birkenweg',
	'Fuchsberg',
	'Auf dem Kamp',
	'Zechensiedlung',
	'Am Kanal',
	'Ahornhof',
	'Buchenhain',
	'Brückenviertel',
	'Wiesengrund',
	'Am Sportpark',
	'Kastanienhof',
	'Ulmenhof',
	'Am Wasserturm',
	'Hirschberg',
	'Weidenau',
	'Ringstraße',
	'Talblick',
	'Sonnenfeld',
	'Heckenrose'
];
/** The two smallest Quartiere (under 1,000 residents) are rural hamlets at the edge. */
const SMALL_QUARTIER_NAMES = ['Feldmark', 'Hofacker'];

// Work in a locally isotropic plane (x = Δlon·cos φ, y = Δlat), so cells are not stretched.
type XY = [number, number];
const toLonLat = ([x, y]: Position): Position => [CENTER_LON + x / COS_LAT, CENTER_LAT + y];

function outlineRing(random: Random): Ring {
	const a = HALF_WIDTH_LON * COS_LAT;
	const b = HALF_HEIGHT_LAT;
	const waves = [2, 3, 5].map((k) => ({
		k,
		amplitude: randomBetween(random, 0.025, 0.06),
		phase: randomBetween(random, 0, 2 * Math.PI)
	}));
	const n = 48;
	const ring: Ring = [];
	for (let i = 0; i < n; i++) {
		const theta = (2 * Math.PI * i) / n;
		const r = 1 + waves.reduce((s, w) => s + w.amplitude * Math.sin(w.k * theta + w.phase), 0);
		ring.push([a * r * Math.cos(theta), b * r * Math.sin(theta)]);
	}
	ring.push(ring[0]);
	return ring;
}

function insideRing([x, y]: XY, ring: Ring): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function clippedCells(sites: XY[], outline: Feature<Polygon>, box: BBox): Polygon[] {
	const voronoi = Delaunay.from(sites).voronoi(box);
	return sites.map((_, i) => {
		const cell = voronoi.cellPolygon(i) as Position[];
		const clipped = intersect(featureCollection([turfPolygon([cell]), outline]));
		if (!clipped) throw new Error(`Demo-Stadt: Zelle ${i} liegt außerhalb des Umrisses`);
		const g = clipped.geometry;
		// A cell cut into pieces by a bay of the outline keeps its largest piece.
		if (g.type === 'Polygon') return g;
		const largest = g.coordinates.reduce((best, p) =>
			planarArea({ type: 'Polygon', coordinates: p }) > planarArea({ type: 'Polygon', coordinates: best })
				? p
				: best
		);
		return { type: 'Polygon', coordinates: largest };
	});
}

/** k-means on points with seeded k-means++ start; returns the cluster index of each point. */
function kMeans(points: XY[], k: number, random: Random): number[] {
	const centres: XY[] = [points[Math.floor(random() * points.length)]];
	const d2 = (p: XY, q: XY) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
	while (centres.length < k) {
		const weights = points.map((p) => Math.min(...centres.map((c) => d2(p, c))));
		let target = random() * weights.reduce((s, w) => s + w, 0);
		let index = 0;
		while (index < points.length - 1 && target >= weights[index]) target -= weights[index++];
		centres.push(points[index]);
	}
	let assignment: number[] = [];
	for (let iteration = 0; iteration < 100; iteration++) {
		const next = points.map((p) => {
			let best = 0;
			for (let c = 1; c < k; c++) if (d2(p, centres[c]) < d2(p, centres[best])) best = c;
			return best;
		});
		if (next.every((c, i) => c === assignment[i])) break;
		assignment = next;
		for (let c = 0; c < k; c++) {
			const members = points.filter((_, i) => assignment[i] === c);
			if (members.length === 0) continue;
			centres[c] = [
				members.reduce((s, p) => s + p[0], 0) / members.length,
				members.reduce((s, p) => s + p[1], 0) / members.length
			];
		}
	}
	return assignment;
}

function unionAll(geometries: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon {
	if (geometries.length === 1) return geometries[0];
	const merged = union(
		featureCollection(geometries.map((g) => ({ type: 'Feature', properties: {}, geometry: g })))
	);
	if (!merged) throw new Error('Demo-Stadt: Vereinigung ist leer');
	return rewindPolygon(roundCoordinates(merged.geometry));
}

const finishGeometry = (g: Polygon): Polygon =>
	rewindPolygon(
		roundCoordinates({ type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(toLonLat)) })
	);

interface Cluster<T> {
	members: T[];
	centroid: XY;
}

/** Sorts north to south, then west to east (rows of ~1.5 km), for stable, readable key order. */
const readingOrder = (a: { centroid: XY }, b: { centroid: XY }) =>
	Math.round(b.centroid[1] / 0.0135) - Math.round(a.centroid[1] / 0.0135) || a.centroid[0] - b.centroid[0];

export function generateDemoCity(seed = DEMO_SEED): DemoCity {
	const random = mulberry32(seed);
	const outline = outlineRing(random);
	const outlineFeature = turfPolygon([outline]);
	const xs = outline.map((p) => p[0]);
	const ys = outline.map((p) => p[1]);
	const box: BBox = [
		Math.min(...xs) - 0.01,
		Math.min(...ys) - 0.01,
		Math.max(...xs) + 0.01,
		Math.max(...ys) + 0.01
	];

	// Seeded sites inside the outline, denser towards the centre, relaxed twice (Lloyd) for even cells.
	let sites: XY[] = [];
	while (sites.length < QUARTIER_COUNT) {
		const r = Math.sqrt(random()) * (0.55 + 0.45 * random());
		const theta = random() * 2 * Math.PI;
		const p: XY = [r * HALF_WIDTH_LON * COS_LAT * Math.cos(theta), r * HALF_HEIGHT_LAT * Math.sin(theta)];
		if (insideRing(p, outline)) sites.push(p);
	}
	let cells = clippedCells(sites, outlineFeature, box);
	for (let i = 0; i < 2; i++) {
		sites = cells.map((c) => ringCentroid(c.coordinates[0]) as XY);
		cells = clippedCells(sites, outlineFeature, box);
	}

	const quartiere = cells.map((cell, i) => ({
		cell,
		site: sites[i],
		centroid: ringCentroid(cell.coordinates[0]) as XY
	}));
	type Q = (typeof quartiere)[number];
	const centroidOf = (members: { centroid: XY }[]): XY => [
		members.reduce((s, m) => s + m.centroid[0], 0) / members.length,
		members.reduce((s, m) => s + m.centroid[1], 0) / members.length
	];
	// Top-down grouping keeps sizes even: Quartiere into 3 Bezirke, then each Bezirk into Stadtteile
	// (8 in all, shared in proportion to the Bezirk's Quartiere).
	const bezirkOf = kMeans(
		quartiere.map((q) => q.centroid),
		BEZIRK_COUNT,
		random
	);
	const bezirkMembers = Array.from({ length: BEZIRK_COUNT }, (_, c) =>
		quartiere.filter((_, i) => bezirkOf[i] === c)
	);
	const teilCounts = bezirkMembers.map((m) =>
		Math.max(1, Math.round((STADTTEIL_COUNT * m.length) / QUARTIER_COUNT))
	);
	while (teilCounts.reduce((s, n) => s + n, 0) > STADTTEIL_COUNT)
		teilCounts[teilCounts.indexOf(Math.max(...teilCounts))]--;
	while (teilCounts.reduce((s, n) => s + n, 0) < STADTTEIL_COUNT)
		teilCounts[teilCounts.indexOf(Math.min(...teilCounts))]++;
	const teile: Cluster<Q>[] = [];
	const bezirke: Cluster<Cluster<Q>>[] = bezirkMembers.map((members, b) => {
		const teilOf = kMeans(
			members.map((q) => q.centroid),
			teilCounts[b],
			random
		);
		const own = Array.from({ length: teilCounts[b] }, (_, c) => members.filter((_, i) => teilOf[i] === c))
			.filter((m) => m.length > 0)
			.map((m) => ({ members: m, centroid: centroidOf(m) }));
		teile.push(...own);
		return { members: own, centroid: centroidOf(members) };
	});

	// Bezirke are named after their direction from the centre and keyed north to south.
	const bezirkOrder = [...bezirke]
		.sort(readingOrder)
		.map((bezirk) => ({ bezirk, name: directionName(bezirk.centroid) }));
	if (new Set(bezirkOrder.map((b) => b.name)).size !== bezirkOrder.length)
		throw new Error('Demo-Stadt: zwei Stadtbezirke liegen in derselben Richtung');
	const dist = (p: XY) => Math.hypot(p[0], p[1]);

	const altstadt = teile.reduce((best, t) => (dist(t.centroid) < dist(best.centroid) ? t : best));
	const marktplatz = altstadt.members.reduce((best, q) =>
		dist(q.centroid) < dist(best.centroid) ? q : best
	);
	const northernmost = teile
		.filter((t) => t !== altstadt)
		.reduce((best, t) => (t.centroid[1] > best.centroid[1] ? t : best));
	// The two Quartiere farthest from the centre are the small rural ones.
	const outskirts = [...quartiere].sort((a, b) => dist(b.centroid) - dist(a.centroid)).slice(0, 2);

	const extent = Math.hypot(HALF_WIDTH_LON * COS_LAT, HALF_HEIGHT_LAT);
	const populationOf = new Map<(typeof quartiere)[number], number>();
	for (const q of quartiere) {
		const small = outskirts.indexOf(q);
		if (small >= 0) {
			populationOf.set(q, 800 + Math.floor(random() * 180));
			continue;
		}
		const closeness = Math.max(0, 1 - dist(q.centroid) / extent);
		const value = 1600 + 7400 * closeness ** 1.4 * (0.75 + 0.35 * random());
		populationOf.set(q, Math.min(9000, Math.round(value)));
	}

	const areas: DemoArea[] = [];
	const bezirkAreas: DemoArea[] = [];
	const teilAreas: DemoArea[] = [];
	const quartierAreas: DemoArea[] = [];
	let teilNameIndex = 0;
	let quartierNameIndex = 0;
	bezirkOrder.forEach(({ bezirk, name }, bIndex) => {
		const bezirkKey = String(bIndex + 1).padStart(2, '0');
		const teilGeometries: (Polygon | MultiPolygon)[] = [];
		let bezirkPopulation = 0;
		[...bezirk.members].sort(readingOrder).forEach((teil, tIndex) => {
			const teilKey = bezirkKey + String(tIndex + 1).padStart(2, '0');
			const teilName =
				teil === altstadt
					? 'Altstadt'
					: teil === northernmost
						? 'Nordviertel'
						: STADTTEIL_NAMES[teilNameIndex++];
			const quartierGeometries: Polygon[] = [];
			let teilPopulation = 0;
			[...teil.members].sort(readingOrder).forEach((q, qIndex) => {
				const small = outskirts.indexOf(q);
				const quartierName =
					q === marktplatz
						? 'Marktplatz'
						: small >= 0
							? SMALL_QUARTIER_NAMES[small]
							: QUARTIER_NAMES[quartierNameIndex++];
				const geometry = finishGeometry(q.cell);
				const population = populationOf.get(q)!;
				quartierGeometries.push(geometry);
				teilPopulation += population;
				quartierAreas.push({
					levelKey: 'quartier',
					key: teilKey + String(qIndex + 1).padStart(2, '0'),
					name: quartierName,
					parentKey: teilKey,
					population,
					geometry,
					bbox: geometryBbox(geometry)!
				});
			});
			const geometry = unionAll(quartierGeometries);
			teilGeometries.push(geometry);
			bezirkPopulation += teilPopulation;
			teilAreas.push({
				levelKey: 'stadtteil',
				key: teilKey,
				name: teilName,
				parentKey: bezirkKey,
				population: teilPopulation,
				geometry,
				bbox: geometryBbox(geometry)!
			});
		});
		const geometry = unionAll(teilGeometries);
		bezirkAreas.push({
			levelKey: 'stadtbezirk',
			key: bezirkKey,
			name,
			parentKey: CITY_KEY,
			population: bezirkPopulation,
			geometry,
			bbox: geometryBbox(geometry)!
		});
	});
	const cityGeometry = unionAll(bezirkAreas.map((b) => b.geometry));
	areas.push({
		levelKey: 'stadt',
		key: CITY_KEY,
		name: DEMO_CITY_NAME,
		parentKey: null,
		population: bezirkAreas.reduce((s, b) => s + b.population, 0),
		geometry: cityGeometry,
		bbox: geometryBbox(cityGeometry)!
	});
	areas.push(...bezirkAreas, ...teilAreas, ...quartierAreas);
	return { levels: DEMO_LEVELS, areas };
}
