import { describe, expect, it } from 'vitest';
import {
	normaliseName,
	parseMappingForm,
	planAreaImport,
	slugify,
	type AreaImportMapping,
	type AreaSource,
	type ExistingState,
	type LevelMapping
} from '../../../src/lib/server/area-import';
import type { Polygon } from 'geojson';

const square = (x: number, y: number, size = 0.01): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[x, y],
			[x + size, y],
			[x + size, y + size],
			[x, y + size],
			[x, y]
		]
	]
});

function table(columns: string[], rows: string[][]): AreaSource {
	return {
		kind: 'table',
		format: 'csv',
		fields: columns,
		records: rows.map((r, i) => ({
			index: i + 2,
			values: Object.fromEntries(columns.map((c, j) => [c, r[j]])),
			geometry: null
		})),
		crs: null,
		encoding: 'utf-8'
	};
}

function boundaries(features: { props: Record<string, string>; geometry: Polygon }[]): AreaSource {
	return {
		kind: 'boundaries',
		format: 'geojson',
		fields: [...new Set(features.flatMap((f) => Object.keys(f.props)))],
		records: features.map((f, i) => ({ index: i + 1, values: f.props, geometry: f.geometry })),
		crs: { epsg: 4326, name: 'WGS 84' },
		encoding: 'utf-8'
	};
}

const EMPTY: ExistingState = { levels: [], areas: [] };
const level = (over: Partial<LevelMapping>): LevelMapping => ({
	level: { kind: 'new', name: 'Ebene', rank: 1 },
	keyField: 'Nr',
	nameField: 'Name',
	parent: { match: 'none' },
	populationField: null,
	populationYear: null,
	...over
});
const mapping = (...levels: LevelMapping[]): AreaImportMapping => ({ levels, validFrom: '2024-01-01' });

describe('keys and names', () => {
	it('makes readable keys from German names and compares names without case and spaces', () => {
		expect(slugify('Tempelhof-Schöneberg')).toBe('tempelhof-schoeneberg');
		expect(slugify('  Straße am Fluß ')).toBe('strasse-am-fluss');
		expect(normaliseName('Tempelhof - Schöneberg')).toBe(normaliseName('tempelhof-schöneberg'));
	});
});

describe('planAreaImport on a hierarchy table', () => {
	const lor = table(
		['PLR', 'PLR Name', 'BZR', 'BZR Name', 'Bezirk', 'EW'],
		[
			['0101', 'Nord', '01', 'Bezirksregion Eins', 'Mitte', '1.234'],
			['0102', 'Süd', '01', 'Bezirksregion Eins', 'Mitte', '–'],
			['0201', 'West', '02', 'Bezirksregion Zwei', ' mitte ', '']
		]
	);
	const existing: ExistingState = {
		levels: [{ id: 'L0', key: 'bezirk', name: 'Bezirk', rank: 1 }],
		areas: [
			{
				id: 'B1',
				levelKey: 'bezirk',
				key: 'mitte',
				name: 'Mitte',
				parentLevelKey: null,
				parentKey: null,
				population: null,
				populationYear: null,
				validFrom: '2021-01-01',
				geometry: null,
				referenced: false
			}
		]
	};
	const twoLevels = mapping(
		level({
			level: { kind: 'new', name: 'Bezirksregion', rank: 2 },
			keyField: 'BZR',
			nameField: 'BZR Name',
			parent: { match: 'name', field: 'Bezirk', level: { kind: 'existing', key: 'bezirk' } }
		}),
		level({
			level: { kind: 'new', name: 'Planungsraum', rank: 3 },
			keyField: 'PLR',
			nameField: 'PLR Name',
			parent: { match: 'key', field: 'BZR', level: { kind: 'file', index: 0 } },
			populationField: 'EW',
			populationYear: 2022
		})
	);

	it('fills two levels from one table, merging repeated upper rows, parents by name and by key, keys keep leading zeros', () => {
		const plan = planAreaImport(lor, twoLevels, existing);
		expect(plan.issues).toEqual([]);
		const [bzr, plr] = plan.levels;
		expect(bzr.areas.map((a) => [a.key, a.name, a.parent])).toEqual([
			[
				'01',
				'Bezirksregion Eins',
				{ kind: 'existing', id: 'B1', levelKey: 'bezirk', key: 'mitte', name: 'Mitte' }
			],
			[
				'02',
				'Bezirksregion Zwei',
				{ kind: 'existing', id: 'B1', levelKey: 'bezirk', key: 'mitte', name: 'Mitte' }
			]
		]);
		expect(plr.areas.map((a) => [a.key, a.parent, a.population, a.populationYear])).toEqual([
			['0101', { kind: 'file', levelIndex: 0, key: '01' }, 1234, 2022],
			['0102', { kind: 'file', levelIndex: 0, key: '01' }, 0, 2022],
			['0201', { kind: 'file', levelIndex: 0, key: '02' }, null, 2022]
		]);
		expect(plr.counts).toMatchObject({ total: 3, new: 3, unchanged: 0 });
		expect(bzr.key).toBe('bezirksregion');
	});

	it('names row and column for a missing key, an unknown parent, a bad population and conflicting duplicates', () => {
		const broken = table(lor.fields, [
			['0101', 'Nord', '01', 'Bezirksregion Eins', 'Mitte', '12'],
			['', 'Ohne', '01', 'Bezirksregion Eins', 'Mitte', '1'],
			['0103', 'Ost', '01', 'Bezirksregion EINS', 'Mitte', '1'],
			['0104', 'Fern', '03', 'Drei', 'Pankow', 'viele']
		]);
		const plan = planAreaImport(broken, twoLevels, existing);
		expect(plan.issues).toEqual([
			{
				code: 'conflicting_duplicate',
				row: 4,
				field: 'BZR Name',
				value: '01',
				otherRow: 2,
				detail: 'Bezirksregion Eins'
			},
			{ code: 'parent_not_found', row: 5, field: 'Bezirk', value: 'Pankow' },
			{ code: 'missing_key', row: 3, field: 'PLR' },
			{ code: 'bad_population', row: 5, field: 'EW', value: 'viele' }
		]);
		expect(plan.unmatchedParents).toEqual([{ levelIndex: 0, row: 5, key: '03', lookup: 'Pankow' }]);
	});

	it('refuses a mapping that names a column the file lacks, a taken level name or rank, or a parent level below', () => {
		const plan = planAreaImport(
			lor,
			mapping(
				level({ level: { kind: 'new', name: 'bezirk', rank: 1 }, keyField: 'Nummer' }),
				level({
					level: { kind: 'new', name: 'Neu', rank: 0 },
					parent: { match: 'key', field: 'BZR', level: { kind: 'file', index: 0 } }
				})
			),
			existing
		);
		expect(plan.issues.map((i) => i.code)).toEqual([
			'level_name_taken',
			'rank_taken',
			'unknown_field',
			'unknown_field',
			'unknown_field',
			'unknown_field',
			'rank_order'
		]);
		expect(plan.issues[2]).toEqual({ code: 'unknown_field', field: 'Nummer', level: 'bezirk' });
		expect(plan.levels).toEqual([]);
	});
});

describe('planAreaImport on boundaries', () => {
	const parents: ExistingState = {
		levels: [{ id: 'L1', key: 'bezirk', name: 'Bezirk', rank: 1 }],
		areas: ['a', 'b'].map((key, i) => ({
			id: `P${i}`,
			levelKey: 'bezirk',
			key,
			name: key.toUpperCase(),
			parentLevelKey: null,
			parentKey: null,
			population: null,
			populationYear: null,
			validFrom: '2021-01-01',
			geometry: square(13 + i * 0.1, 52, 0.1),
			referenced: false
		}))
	};

	it('derives parents spatially from the interior point and reports areas outside every parent', () => {
		const source = boundaries([
			{ props: { id: '1', label: 'Eins' }, geometry: square(13.02, 52.02) },
			{ props: { id: '2', label: 'Zwei' }, geometry: square(13.15, 52.05) },
			{ props: { id: '3', label: 'Drei' }, geometry: square(14, 53) }
		]);
		const plan = planAreaImport(
			source,
			mapping(
				level({
					level: { kind: 'new', name: 'Quartier', rank: 2 },
					keyField: 'id',
					nameField: 'label',
					parent: { match: 'spatial', level: { kind: 'existing', key: 'bezirk' } }
				})
			),
			parents
		);
		expect(plan.levels[0].areas.map((a) => (a.parent && 'id' in a.parent ? a.parent.id : null))).toEqual([
			'P0',
			'P1',
			null
		]);
		expect(plan.issues).toEqual([{ code: 'no_spatial_parent', row: 3, value: 'Drei' }]);
	});

	it('flags duplicate keys by feature, and tells new, unchanged, new versions and refused older versions apart', () => {
		const dup = boundaries([
			{ props: { name: 'Mitte' }, geometry: square(13, 52) },
			{ props: { name: 'MITTE ' }, geometry: square(13.1, 52) },
			{ props: { name: 'Mitte' }, geometry: square(13.2, 52) }
		]);
		const plan = planAreaImport(dup, mapping(level({ keyField: null, nameField: 'name' })), EMPTY);
		// "MITTE " makes the same key as "Mitte".
		expect(plan.issues).toEqual([
			{ code: 'duplicate_key', row: 2, field: 'name', value: 'mitte', otherRow: 1 },
			{ code: 'duplicate_key', row: 3, field: 'name', value: 'mitte', otherRow: 1 }
		]);

		const onExisting = (validFrom: string) =>
			planAreaImport(
				boundaries([
					{ props: { name: 'A' }, geometry: square(13, 52, 0.1) },
					{ props: { name: 'B' }, geometry: square(13.1, 52, 0.2) },
					{ props: { name: 'C' }, geometry: square(13.3, 52, 0.1) }
				]),
				{
					...mapping(
						level({ level: { kind: 'existing', key: 'bezirk' }, keyField: null, nameField: 'name' })
					),
					validFrom
				},
				parents
			);
		const later = onExisting('2024-01-01');
		expect(later.issues).toEqual([]);
		expect(later.levels[0].areas.map((a) => [a.key, a.status])).toEqual([
			['a', 'unchanged'],
			['b', 'new_version'],
			['c', 'new']
		]);
		expect(onExisting('2021-01-01').levels[0].areas.map((a) => a.status)).toEqual([
			'unchanged',
			'changed',
			'new'
		]);
		expect(onExisting('2020-01-01').issues).toEqual([
			{ code: 'older_than_current', row: 2, value: 'b', detail: '2021-01-01' }
		]);
		const referenced = { ...parents, areas: parents.areas.map((a) => ({ ...a, referenced: true })) };
		const inUse = planAreaImport(
			boundaries([{ props: { name: 'B' }, geometry: square(13.1, 52, 0.2) }]),
			{
				...mapping(level({ level: { kind: 'existing', key: 'bezirk' }, keyField: null, nameField: 'name' })),
				validFrom: '2021-01-01'
			},
			referenced
		);
		expect(inUse.issues).toEqual([{ code: 'version_in_use', row: 1, value: 'b', detail: '2021-01-01' }]);
	});
});

describe('parseMappingForm', () => {
	const base = (over: Record<string, string>) => ({
		validFrom: '2024-01-01',
		l0_level: 'new',
		l0_newName: 'Prognoseraum',
		l0_newRank: '2',
		l0_key: 'PGR',
		l0_name: 'PGR Name',
		l0_parentMatch: 'name',
		l0_parentField: 'Bezirk',
		l0_parentLevel: 'existing:bezirk',
		l0_population: '',
		l0_populationYear: '',
		l1_level: 'new',
		l1_newName: 'Planungsraum',
		l1_newRank: '3',
		l1_key: 'PLR',
		l1_name: '',
		l1_parentMatch: 'key',
		l1_parentField: 'PGR',
		l1_parentLevel: 'file:0',
		l1_population: 'EW',
		l1_populationYear: '2022',
		...over
	});

	it('turns the slots into levels, skipping unused ones and renumbering file parents', () => {
		const parsed = parseMappingForm({ ...base({}), l2_level: '' }, 3);
		expect(parsed).toEqual({
			ok: true,
			mapping: {
				validFrom: '2024-01-01',
				levels: [
					{
						level: { kind: 'new', name: 'Prognoseraum', rank: 2 },
						keyField: 'PGR',
						nameField: 'PGR Name',
						parent: { match: 'name', field: 'Bezirk', level: { kind: 'existing', key: 'bezirk' } },
						populationField: null,
						populationYear: null
					},
					{
						level: { kind: 'new', name: 'Planungsraum', rank: 3 },
						keyField: 'PLR',
						nameField: null,
						parent: { match: 'key', field: 'PGR', level: { kind: 'file', index: 0 } },
						populationField: 'EW',
						populationYear: 2022
					}
				]
			}
		});
	});

	it('returns i18n keys per input for missing choices', () => {
		const parsed = parseMappingForm(
			base({
				validFrom: '',
				l0_newName: '',
				l0_parentField: '',
				l1_populationYear: '',
				l1_parentLevel: 'file:1'
			}),
			2
		);
		expect(parsed).toEqual({
			ok: false,
			errors: {
				validFrom: 'areasImport.mapping.errors.validFrom',
				l0_newName: 'areasImport.mapping.errors.newNameRequired',
				l0_parentField: 'areasImport.mapping.errors.parentField',
				l1_populationYear: 'areasImport.mapping.errors.populationYear'
			}
		});
		expect(parseMappingForm(base({ l0_level: '', l1_level: '' }), 2)).toEqual({
			ok: false,
			errors: { l0_level: 'areasImport.mapping.errors.noLevel' }
		});
	});
});
