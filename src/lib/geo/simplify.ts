// Display geometries simplified once, at import, on a shared topology: a border between two areas is
// one arc, simplified once, so neighbours never get gaps or overlaps. Originals are kept for exports.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type AreaGeometry = Polygon | MultiPolygon;

/**
 * Simplifies polygons keeping shared borders shared. `keep` is the share of points to keep (0–1),
 * measured by Visvalingam weight; small shapes keep at least their corners.
 */
export function simplifyShared(geometries: readonly AreaGeometry[], keep = 0.2): AreaGeometry[] {
	if (geometries.length === 0) return [];
	const collection: FeatureCollection<AreaGeometry> = {
		type: 'FeatureCollection',
		features: geometries.map((geometry, i) => ({ type: 'Feature', id: i, properties: {}, geometry }))
	};
	// Quantisation 1e6 on a city-sized extent keeps sub-metre precision.
	// The typings of topojson-simplify and -server disagree on property types; the data is the same.
	const topo = presimplify(topology({ areas: collection }, 1e6) as never) as never;
	const simplified = simplify(topo, quantile(topo, keep)) as Topology;
	const result = feature(
		simplified,
		simplified.objects.areas as GeometryCollection
	) as FeatureCollection<AreaGeometry>;
	return result.features.map((f) => roundGeometry(f.geometry));
}

/** Unions areas (e.g. Quartiere into their Stadtteil) along shared arcs: no slivers between them. */
export function unionShared(geometries: readonly AreaGeometry[]): AreaGeometry {
	const collection: FeatureCollection<AreaGeometry> = {
		type: 'FeatureCollection',
		features: geometries.map((geometry, i) => ({ type: 'Feature', id: i, properties: {}, geometry }))
	};
	const topo = topology({ areas: collection }, 1e7) as Topology;
	const objects = (topo.objects.areas as GeometryCollection).geometries as Parameters<typeof merge>[1];
	const merged = merge(topo, objects);
	return roundGeometry(
		merged.coordinates.length === 1 ? { type: 'Polygon', coordinates: merged.coordinates[0] } : merged
	);
}

export function roundGeometry<G extends AreaGeometry>(geometry: G, digits = 6): G {
	const f = 10 ** digits;
	const round = (p: number[]) => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
	if (geometry.type === 'Polygon')
		return { ...geometry, coordinates: geometry.coordinates.map((r) => r.map(round)) };
	return {
		...geometry,
		coordinates: (geometry as MultiPolygon).coordinates.map((poly) => poly.map((r) => r.map(round)))
	};
}

export function countPositions(geometry: AreaGeometry): number {
	return geometry.type === 'Polygon'
		? geometry.coordinates.reduce((n, r) => n + r.length, 0)
		: geometry.coordinates.reduce((n, poly) => n + poly.reduce((m, r) => m + r.length, 0), 0);
}

export type { Feature };
