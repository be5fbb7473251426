// The pure heart of the area import: file records + the planner's mapping + what the database holds
// → the areas to write, their status (new / changed / new version / unchanged) and every problem,
// each naming the row or feature and the column or property. No database access here.
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryBbox, interiorPoint, pointInPolygonRings, type BBox } from '../../geo';
import { roundGeometry } from '../../geo/simplify';
import { parseOfficialNumber } from '../../stats/official-values';
import type { AreaGeometry as BoundaryGeometry } from '../../geo/simplify';
import type {
	AreaImportMapping,
	AreaImportPlan,
	AreaSource,
	ImportIssue,
	LevelMapping,
	LevelPlan,
	PlannedArea,
	SourceRecord
} from './types';

export interface ExistingLevel {
	id: string;
	key: string;
	name: string;
	rank: number;
}

/** A current version (valid_to is null) of an area on a level the import touches. */
export interface ExistingArea {
	id: string;
	levelKey: string;
	key: string;
	name: string;
	parentLevelKey: string | null;
	parentKey: string | null;
	population: number | null;
	populationYear: number | null;
	validFrom: string;
	/** The original geometry (for comparing and for spatial parents). */
	geometry: BoundaryGeometry | null;
	/** Whether other rows (indicator values, contributions …) point at this version. */
	referenced: boolean;
}

export interface ExistingState {
	levels: ExistingLevel[];
	areas: ExistingArea[];
}

/** Coordinates are kept to 7 decimals (≈ 1 cm): enough for any boundary, and stable to compare. */
export const COORDINATE_DIGITS = 7;

/** A readable, stable key from a name: "Tempelhof-Schöneberg" → "tempelhof-schoeneberg". */
export function slugify(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** Names match regardless of case and white space ("Tempelhof - Schöneberg" = "tempelhof-schöneberg"). */
export function normaliseName(name: string): string {
	return name.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

interface Candidate {
	key: string;
	name: string;
	geometry: BoundaryGeometry | null;
	bbox: BBox | null;
	ref: PlannedArea['parent'];
}

function candidateIndex(candidates: Candidate[]) {
	const byKey = new Map<string, Candidate>();
	const byName = new Map<string, Candidate[]>();
	for (const c of candidates) {
		byKey.set(c.key, c);
		const n = normaliseName(c.name);
		byName.set(n, [...(byName.get(n) ?? []), c]);
	}
	return { byKey, byName, all: candidates };
}

function containsPoint(geometry: BoundaryGeometry, point: [number, number]): boolean {
	const polygons =
		geometry.type === 'Polygon'
			? [geometry.coordinates as Polygon['coordinates']]
			: (geometry.coordinates as MultiPolygon['coordinates']);
	return polygons.some((rings) => pointInPolygonRings(point, rings));
}

function sameCoordinates(a: BoundaryGeometry | null, b: BoundaryGeometry | null): boolean {
	if (!a || !b) return a === b;
	return a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}

interface Draft {
	area: PlannedArea;
	record: SourceRecord;
	parentLookup: string;
}

/** Resolves the mapping's levels; returns issues for anything that cannot work, before looking at rows. */
function checkMapping(
	source: AreaSource,
	mapping: AreaImportMapping,
	existing: ExistingState
): { issues: ImportIssue[]; levels: Omit<LevelPlan, 'areas' | 'counts'>[] } {
	const issues: ImportIssue[] = [];
	const levels: Omit<LevelPlan, 'areas' | 'counts'>[] = [];
	if (!isIsoDate(mapping.validFrom)) issues.push({ code: 'invalid_valid_from', value: mapping.validFrom });
	if (mapping.levels.length === 0) issues.push({ code: 'no_levels' });
	const fields = new Set(source.fields);
	const usedRanks = new Set(existing.levels.map((l) => l.rank));
	const levelNames = new Set(existing.levels.map((l) => normaliseName(l.name)));
	const levelKeys = new Set(existing.levels.map((l) => l.key));

	mapping.levels.forEach((m, i) => {
		let level: Omit<LevelPlan, 'areas' | 'counts'>;
		if (m.level.kind === 'existing') {
			const key = m.level.key;
			const found = existing.levels.find((l) => l.key === key);
			if (!found) {
				issues.push({ code: 'unknown_level', value: key });
				level = { index: i, levelId: null, key, name: key, rank: -1, isNew: false };
			} else {
				level = {
					index: i,
					levelId: found.id,
					key: found.key,
					name: found.name,
					rank: found.rank,
					isNew: false
				};
				if (levels.some((l) => l.key === found.key)) issues.push({ code: 'level_twice', level: found.name });
			}
		} else {
			const name = m.level.name.trim();
			const key = slugify(name);
			if (!key || levelNames.has(normaliseName(name)) || levelKeys.has(key))
				issues.push({ code: 'level_name_taken', level: name });
			if (usedRanks.has(m.level.rank))
				issues.push({ code: 'rank_taken', level: name, value: String(m.level.rank) });
			usedRanks.add(m.level.rank);
			levelNames.add(normaliseName(name));
			levelKeys.add(key);
			level = { index: i, levelId: null, key, name, rank: m.level.rank, isNew: true };
		}
		levels.push(level);

		for (const field of [
			m.keyField,
			m.nameField,
			m.populationField,
			'field' in m.parent ? m.parent.field : null
		])
			if (field !== null && !fields.has(field))
				issues.push({ code: 'unknown_field', field, level: level.name });
		if (m.keyField === null && m.nameField === null)
			issues.push({ code: 'no_key_or_name', level: level.name });

		if (m.parent.match !== 'none') {
			const ref = m.parent.level;
			let parentRank: number | null = null;
			let parentHasGeometry = false;
			if (ref.kind === 'file') {
				if (ref.index >= i || ref.index < 0) issues.push({ code: 'parent_level_missing', level: level.name });
				else {
					parentRank = levels[ref.index].rank;
					parentHasGeometry = source.kind === 'boundaries';
				}
			} else {
				const found = existing.levels.find((l) => l.key === ref.key);
				if (!found) issues.push({ code: 'unknown_level', value: ref.key });
				else {
					parentRank = found.rank;
					parentHasGeometry = existing.areas.some((a) => a.levelKey === found.key && a.geometry);
				}
			}
			if (parentRank !== null && level.rank >= 0 && parentRank >= level.rank)
				issues.push({ code: 'rank_order', level: level.name });
			if (m.parent.match === 'spatial') {
				if (source.kind !== 'boundaries') issues.push({ code: 'spatial_needs_geometry', level: level.name });
				else if (parentRank !== null && !parentHasGeometry)
					issues.push({ code: 'spatial_parent_without_geometry', level: level.name });
			}
		}
	});
	return { issues, levels };
}

function parsePopulation(raw: string): { ok: true; value: number | null } | { ok: false } {
	const parsed = parseOfficialNumber(raw, ',');
	if (!parsed.ok) return { ok: false };
	if (parsed.value === null) return { ok: true, value: null };
	if (!Number.isInteger(parsed.value) || parsed.value < 0 || parsed.value > 2_000_000_000)
		return { ok: false };
	return { ok: true, value: parsed.value };
}

/** Reads one level's areas from the records, merging a table's repeated upper-level rows. */
function readLevel(
	source: AreaSource,
	m: LevelMapping,
	levelIndex: number,
	issues: ImportIssue[]
): Map<string, Draft> {
	const drafts = new Map<string, Draft>();
	const keyLabel = m.keyField ?? m.nameField!;
	for (const record of source.records) {
		const v = record.values;
		const name = m.nameField ? (v[m.nameField] ?? '') : (v[m.keyField!] ?? '');
		const key = m.keyField ? (v[m.keyField] ?? '') : slugify(name);
		if (m.keyField && !key) {
			issues.push({ code: 'missing_key', row: record.index, field: m.keyField });
			continue;
		}
		if (!name) {
			issues.push({ code: 'missing_name', row: record.index, field: m.nameField ?? keyLabel });
			continue;
		}
		let population: number | null = null;
		if (m.populationField) {
			const raw = v[m.populationField] ?? '';
			const parsed = parsePopulation(raw);
			if (!parsed.ok) {
				issues.push({ code: 'bad_population', row: record.index, field: m.populationField, value: raw });
				continue;
			}
			population = parsed.value;
		}
		const parentLookup = 'field' in m.parent ? (v[m.parent.field] ?? '') : '';
		const previous = drafts.get(key);
		if (previous) {
			if (source.kind === 'boundaries') {
				issues.push({
					code: 'duplicate_key',
					row: record.index,
					field: keyLabel,
					value: key,
					otherRow: previous.record.index
				});
				continue;
			}
			// The same upper-level area repeats on every row of its children: fine while the rows agree.
			const differs: [string | null, string, string][] = [
				[m.nameField, name, previous.area.name],
				['field' in m.parent ? m.parent.field : null, parentLookup, previous.parentLookup],
				[m.populationField, String(population), String(previous.area.population)]
			];
			const conflict = differs.find(([field, a, b]) => field !== null && a !== b);
			if (conflict)
				issues.push({
					code: 'conflicting_duplicate',
					row: record.index,
					field: conflict[0]!,
					value: key,
					otherRow: previous.record.index,
					detail: conflict[2]
				});
			continue;
		}
		drafts.set(key, {
			record,
			parentLookup,
			area: {
				levelIndex,
				row: record.index,
				key,
				name,
				parent: null,
				population,
				populationYear: m.populationField ? m.populationYear : null,
				geometry: record.geometry ? roundGeometry(record.geometry, COORDINATE_DIGITS) : null,
				status: 'new',
				existingId: null
			}
		});
	}
	return drafts;
}

export function planAreaImport(
	source: AreaSource,
	mapping: AreaImportMapping,
	existing: ExistingState
): AreaImportPlan {
	const checked = checkMapping(source, mapping, existing);
	const plan: AreaImportPlan = {
		source: {
			kind: source.kind,
			format: source.format,
			crs: source.crs,
			encoding: source.encoding,
			encodingSource: source.encodingSource ?? null,
			layers: source.layers ?? [],
			layer: source.layer ?? null
		},
		validFrom: mapping.validFrom,
		levels: [],
		issues: checked.issues,
		unmatchedParents: []
	};
	if (checked.issues.length) return plan;

	const issues = plan.issues;
	const levelDrafts: Map<string, Draft>[] = [];
	const existingByLevel = new Map<string, ExistingArea[]>();
	for (const a of existing.areas)
		existingByLevel.set(a.levelKey, [...(existingByLevel.get(a.levelKey) ?? []), a]);

	mapping.levels.forEach((m, i) => {
		const level = checked.levels[i];
		const drafts = readLevel(source, m, i, issues);
		levelDrafts.push(drafts);

		// Parents.
		if (m.parent.match !== 'none') {
			const ref = m.parent.level;
			const candidates: Candidate[] =
				ref.kind === 'file'
					? [...levelDrafts[ref.index].values()].map((d) => ({
							key: d.area.key,
							name: d.area.name,
							geometry: d.area.geometry,
							bbox: d.area.geometry ? geometryBbox(d.area.geometry) : null,
							ref: { kind: 'file', levelIndex: ref.index, key: d.area.key }
						}))
					: (existingByLevel.get(ref.key) ?? []).map((a) => ({
							key: a.key,
							name: a.name,
							geometry: a.geometry,
							bbox: a.geometry ? geometryBbox(a.geometry) : null,
							ref: { kind: 'existing', id: a.id, levelKey: a.levelKey, key: a.key, name: a.name }
						}));
			const index = candidateIndex(candidates);
			for (const draft of drafts.values()) {
				const { area, record } = draft;
				if (m.parent.match === 'spatial') {
					if (!area.geometry) continue;
					const point = interiorPoint(area.geometry) as [number, number];
					const hit = index.all.find(
						(c) =>
							c.geometry &&
							c.bbox &&
							point[0] >= c.bbox[0] &&
							point[0] <= c.bbox[2] &&
							point[1] >= c.bbox[1] &&
							point[1] <= c.bbox[3] &&
							containsPoint(c.geometry, point)
					);
					if (hit) area.parent = hit.ref;
					else {
						issues.push({ code: 'no_spatial_parent', row: record.index, value: area.name });
						plan.unmatchedParents.push({
							levelIndex: i,
							row: record.index,
							key: area.key,
							lookup: area.name
						});
					}
					continue;
				}
				const field = m.parent.field;
				const lookup = draft.parentLookup;
				if (!lookup) {
					issues.push({ code: 'missing_parent_value', row: record.index, field });
					continue;
				}
				if (m.parent.match === 'key') {
					const hit = index.byKey.get(lookup);
					if (hit) area.parent = hit.ref;
					else {
						issues.push({ code: 'parent_not_found', row: record.index, field, value: lookup });
						plan.unmatchedParents.push({ levelIndex: i, row: record.index, key: area.key, lookup });
					}
				} else {
					const hits = index.byName.get(normaliseName(lookup)) ?? [];
					if (hits.length === 1) area.parent = hits[0].ref;
					else if (hits.length > 1)
						issues.push({ code: 'parent_ambiguous', row: record.index, field, value: lookup });
					else {
						issues.push({ code: 'parent_not_found', row: record.index, field, value: lookup });
						plan.unmatchedParents.push({ levelIndex: i, row: record.index, key: area.key, lookup });
					}
				}
			}
		}

		// Status against the current versions.
		const current = new Map((existingByLevel.get(level.key) ?? []).map((a) => [a.key, a]));
		const areas = [...drafts.values()].map((d) => d.area);
		const counts = { total: areas.length, new: 0, changed: 0, new_version: 0, unchanged: 0, notInFile: 0 };
		const parentLevelKey = (p: PlannedArea['parent']) =>
			!p ? null : p.kind === 'existing' ? p.levelKey : checked.levels[p.levelIndex].key;
		for (const area of areas) {
			const old = current.get(area.key);
			if (!old) {
				counts.new++;
				continue;
			}
			area.existingId = old.id;
			// What the file does not say is kept: population when unmapped, geometry for hierarchy tables,
			// the parent when the level has no parent link (see commit.ts).
			if (!m.populationField) {
				area.population = old.population;
				area.populationYear = old.populationYear;
			}
			if (source.kind === 'table') area.geometry = old.geometry;
			const sameParent =
				m.parent.match === 'none'
					? true
					: parentLevelKey(area.parent) === old.parentLevelKey &&
						(area.parent?.key ?? null) === old.parentKey;
			const unchanged =
				area.name === old.name &&
				sameParent &&
				area.population === old.population &&
				area.populationYear === old.populationYear &&
				sameCoordinates(area.geometry, old.geometry);
			if (unchanged) area.status = 'unchanged';
			else if (mapping.validFrom > old.validFrom) area.status = 'new_version';
			else if (mapping.validFrom < old.validFrom) {
				issues.push({ code: 'older_than_current', row: area.row, value: area.key, detail: old.validFrom });
				continue;
			} else if (old.referenced) {
				issues.push({ code: 'version_in_use', row: area.row, value: area.key, detail: old.validFrom });
				continue;
			} else area.status = 'changed';
			counts[area.status]++;
		}
		counts.notInFile = [...current.keys()].filter((k) => !drafts.has(k)).length;
		plan.levels.push({ ...level, areas, counts });
	});
	return plan;
}
