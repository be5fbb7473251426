// Shapes shared by the area import steps: the read file, the planner's mapping, problems and the plan.
import type { MultiPolygon, Polygon } from 'geojson';

type BoundaryGeometry = Polygon | MultiPolygon;

/** One area candidate as the file has it: a table row or a boundary feature. */
export interface SourceRecord {
	/** Tables: the line in the file (header = 1); boundary files: the feature number (1-based). */
	index: number;
	values: Record<string, string>;
	geometry: BoundaryGeometry | null;
}

export interface AreaSource {
	kind: 'boundaries' | 'table';
	format: 'geojson' | 'shapefile' | 'geopackage' | 'csv' | 'xlsx';
	/** Column names (tables) or property names (boundary files), in file order. */
	fields: string[];
	records: SourceRecord[];
	crs: { epsg: number | null; name: string } | null;
	encoding: string | null;
	/** Shapefiles: the encoding was stated in .cpg, guessed from the .dbf bytes, or chosen by the planner. */
	encodingSource?: 'cpg' | 'guessed' | 'chosen' | null;
	/** GeoPackages: the feature layers, and the one read. */
	layers?: string[];
	layer?: string | null;
}

export type LevelRef = { kind: 'existing'; key: string } | { kind: 'new'; name: string; rank: number };

/** Where a level's parents are: an existing level, or another level of the same file (by its index). */
export type ParentLevelRef = { kind: 'existing'; key: string } | { kind: 'file'; index: number };

export type ParentLink =
	| { match: 'none' }
	| { match: 'key' | 'name'; field: string; level: ParentLevelRef }
	| { match: 'spatial'; level: ParentLevelRef };

export interface LevelMapping {
	level: LevelRef;
	/** null: the key is made from the name (files with only a name, e.g. the Berlin Bezirke). */
	keyField: string | null;
	/** null: the key is the name as well. */
	nameField: string | null;
	parent: ParentLink;
	populationField: string | null;
	populationYear: number | null;
}

export interface AreaImportMapping {
	/** Upper levels first: a level may take its parents from a level before it in this list. */
	levels: LevelMapping[];
	/** ISO date: from when this boundary version is valid. */
	validFrom: string;
}

export type FileIssueCode =
	| 'too_large'
	| 'empty_file'
	| 'unsupported_file'
	| 'unreadable_file'
	| 'zip_too_large'
	| 'zip_too_many_entries'
	| 'ragged_row'
	| 'missing_shapefile_part'
	| 'missing_prj'
	| 'unknown_crs'
	| 'no_polygons'
	| 'not_a_polygon'
	| 'outside_germany'
	| 'gpkg_no_layers'
	| 'gpkg_unknown_layer';

export type MappingIssueCode =
	| 'no_levels'
	| 'unknown_field'
	| 'no_key_or_name'
	| 'unknown_level'
	| 'level_twice'
	| 'level_name_taken'
	| 'rank_taken'
	| 'rank_order'
	| 'parent_level_missing'
	| 'spatial_needs_geometry'
	| 'spatial_parent_without_geometry'
	| 'invalid_valid_from';

export type RowIssueCode =
	| 'missing_key'
	| 'missing_name'
	| 'duplicate_key'
	| 'conflicting_duplicate'
	| 'missing_parent_value'
	| 'parent_not_found'
	| 'parent_ambiguous'
	| 'no_spatial_parent'
	| 'bad_population'
	| 'older_than_current'
	| 'version_in_use';

export type IssueCode = FileIssueCode | MappingIssueCode | RowIssueCode;

/** A problem, with everything a German message needs to name the place in the file. */
export interface ImportIssue {
	code: IssueCode;
	/** Table line or feature number. */
	row?: number;
	/** The column or property concerned. */
	field?: string;
	value?: string;
	/** Another row (e.g. the first occurrence of a duplicate key). */
	otherRow?: number;
	/** Name of the level concerned. */
	level?: string;
	detail?: string;
}

export type AreaStatus = 'new' | 'changed' | 'new_version' | 'unchanged';

export interface PlannedArea {
	levelIndex: number;
	/** Source row / feature of (the first occurrence of) this area. */
	row: number;
	key: string;
	name: string;
	/** The parent as level and key: a planned area of this file or an existing row. */
	parent:
		| { kind: 'file'; levelIndex: number; key: string }
		| { kind: 'existing'; id: string; levelKey: string; key: string; name: string }
		| null;
	population: number | null;
	populationYear: number | null;
	/** WGS84, rounded; null for hierarchy tables (an existing geometry is kept). */
	geometry: BoundaryGeometry | null;
	status: AreaStatus;
	/** The current version of the same level and key, if any. */
	existingId: string | null;
}

export interface LevelPlan {
	index: number;
	/** Existing level id, or null when the import creates it. */
	levelId: string | null;
	key: string;
	name: string;
	rank: number;
	isNew: boolean;
	areas: PlannedArea[];
	counts: Record<AreaStatus, number> & { total: number; notInFile: number };
}

export interface UnmatchedParent {
	levelIndex: number;
	row: number;
	key: string;
	/** The key or name the parent was looked up by. */
	lookup: string;
}

export interface AreaImportPlan {
	source: {
		kind: AreaSource['kind'];
		format: AreaSource['format'];
		crs: AreaSource['crs'];
		encoding: string | null;
		encodingSource: AreaSource['encodingSource'];
		layers: string[];
		layer: string | null;
	};
	validFrom: string;
	levels: LevelPlan[];
	issues: ImportIssue[];
	unmatchedParents: UnmatchedParent[];
}
