// The column-mapping step of the web import as plain form fields (works without JavaScript):
// a role per column, a target per series. The layout follows from the roles (an indicator-name and a
// value column make a long file). Sources new to the form (a role just changed) get the suggestion.
import { indicatorColumns, indicatorLabel, suggestTarget, type ImportContext } from './import-table';
import {
	DOMAINS,
	POLARITIES,
	VISIBILITIES,
	type ColumnRole,
	type Domain,
	type ImportMapping,
	type IndicatorPolarity,
	type Visibility,
	type SeriesTarget,
	type ValueType
} from './schemas';
import type { Table } from '../imports/table-file';

/** Column roles as offered in the form: indicator columns of a wide file carry their type. */
export const FORM_ROLES = [
	'key',
	'name',
	'year',
	'numeric',
	'categorical',
	'indicator',
	'value',
	'ignore'
] as const;
export type FormRole = (typeof FORM_ROLES)[number];

export interface SeriesState {
	source: string;
	/** 'ignore', 'new' or the id of an existing indicator */
	target: string;
	valueType: ValueType;
	name: string;
	key: string;
	unit: string;
	domain: Domain;
	polarity: IndicatorPolarity;
	visibility: Visibility;
	/** where the figures come from (indicator metadata); empty: the file name */
	dataSource: string;
	definition: string;
	aggregation: 'sum' | 'none';
}

export interface MappingState {
	levelKey: string;
	decimal: ',' | '.';
	year: string;
	skipUnmatched: boolean;
	/** rows keyed to areas of other levels are imported there too */
	allLevels: boolean;
	roles: FormRole[];
	series: SeriesState[];
}

function seriesState(target: SeriesTarget, valueType: ValueType): SeriesState {
	const blank = {
		name: target.source.slice(0, 200),
		key: '',
		unit: '',
		domain: 'basisdaten' as Domain,
		polarity: 'neutral' as IndicatorPolarity,
		visibility: 'internal' as Visibility,
		dataSource: '',
		definition: '',
		aggregation: 'none' as const
	};
	if (target.action === 'ignore') return { source: target.source, target: 'ignore', valueType, ...blank };
	if (target.action === 'existing')
		return { source: target.source, target: target.indicatorId, valueType, ...blank };
	return {
		source: target.source,
		target: 'new',
		valueType: target.valueType,
		name: target.meta.name,
		key: target.meta.key,
		unit: target.meta.unit,
		domain: target.meta.domain,
		polarity: target.meta.polarity,
		visibility: target.meta.visibility,
		dataSource: target.meta.source,
		definition: target.meta.definition,
		aggregation: target.meta.aggregation
	};
}

/** The form state of a suggested mapping. */
export function stateFromMapping(mapping: ImportMapping, table: Table, context: ImportContext): MappingState {
	const types = new Map(context.indicators.map((i) => [i.id, i.valueType]));
	const typeOf = (s: SeriesTarget | undefined): ValueType =>
		s?.action === 'new'
			? s.valueType
			: s?.action === 'existing'
				? (types.get(s.indicatorId) ?? 'numeric')
				: 'numeric';
	const bySource = new Map(mapping.series.map((s) => [s.source, s]));
	return {
		levelKey: mapping.levelKey,
		decimal: mapping.decimal,
		year: mapping.year === null ? '' : String(mapping.year),
		skipUnmatched: mapping.skipUnmatched,
		allLevels: mapping.allLevels,
		roles: mapping.roles.map((role, i): FormRole => {
			if (role !== 'series') return role;
			const target = bySource.get(table.columns[i]);
			if (target?.action === 'ignore') return 'ignore';
			return typeOf(target);
		}),
		series: mapping.series
			.filter((s) => s.action !== 'ignore' || mapping.layout === 'long')
			.map((s) => seriesState(s, typeOf(s)))
	};
}

/** Sources of the series implied by the roles: the columns (wide) or the indicator labels (long). */
export function seriesSources(table: Table, roles: readonly FormRole[]): string[] {
	const labelColumns = indicatorColumns(roles);
	if (labelColumns.length > 0) {
		const labels = new Set<string>();
		for (const row of table.rows) {
			const label = indicatorLabel(row, labelColumns);
			if (label) labels.add(label);
			if (labels.size > 500) break;
		}
		return [...labels];
	}
	return table.columns.filter((_, i) => roles[i] === 'numeric' || roles[i] === 'categorical');
}

const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
	typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Reads the posted mapping form. Unknown values fall back to safe defaults; zod validates later. */
export function stateFromForm(
	form: FormData,
	table: Table,
	context: ImportContext,
	previous: MappingState
): MappingState {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const roles = table.columns.map((_, i) =>
		pick(text(`role-${i}`), FORM_ROLES, previous.roles[i] ?? 'ignore')
	);
	const decimal = pick(text('decimal'), [',', '.'] as const, previous.decimal);
	const posted = new Map<string, SeriesState>();
	for (let n = 0; form.has(`s-${n}-source`); n++) {
		const source = text(`s-${n}-source`);
		const target = text(`s-${n}-target`);
		posted.set(source, {
			source,
			target:
				target === 'new' || target === 'ignore' || context.indicators.some((i) => i.id === target)
					? target
					: 'ignore',
			valueType: pick(text(`s-${n}-type`), ['numeric', 'categorical'] as const, 'numeric'),
			name: text(`s-${n}-name`).trim(),
			key: text(`s-${n}-key`).trim(),
			unit: text(`s-${n}-unit`).trim(),
			domain: pick(text(`s-${n}-domain`), DOMAINS, 'basisdaten'),
			polarity: pick(text(`s-${n}-polarity`), POLARITIES, 'neutral'),
			visibility: pick(text(`s-${n}-visibility`), VISIBILITIES, 'internal'),
			dataSource: text(`s-${n}-datasource`).trim(),
			definition: text(`s-${n}-definition`).trim(),
			aggregation: pick(text(`s-${n}-aggregation`), ['sum', 'none'] as const, 'none')
		});
	}
	const wide = !roles.includes('indicator');
	const taken = new Set([
		...context.indicators.map((i) => i.key.toLowerCase()),
		...[...posted.values()].filter((s) => s.target === 'new').map((s) => s.key.toLowerCase())
	]);
	const previousBySource = new Map(previous.series.map((s) => [s.source, s]));
	const series = seriesSources(table, roles).map((source) => {
		const column = table.columns.indexOf(source);
		const roleType: ValueType | null = wide
			? roles[column] === 'categorical'
				? 'categorical'
				: 'numeric'
			: null;
		const known = posted.get(source) ?? previousBySource.get(source);
		if (known) return roleType ? { ...known, valueType: roleType } : known;
		const cells = wide
			? table.rows.slice(0, 2000).map((r) => r[column])
			: table.rows
					.filter((r) => indicatorLabel(r, indicatorColumns(roles)) === source)
					.slice(0, 2000)
					.map((r) => r[roles.indexOf('value')] ?? '');
		const suggested = suggestTarget(source, cells, decimal, context, taken);
		const state = seriesState(
			suggested,
			roleType ?? (suggested.action === 'new' ? suggested.valueType : 'numeric')
		);
		if (state.target === 'ignore') state.target = 'new';
		if (!state.key)
			state.key = source
				.replace(/[^A-Za-z0-9_-]+/g, '-')
				.replace(/^-+|-+$/g, '')
				.slice(0, 50);
		return roleType ? { ...state, valueType: roleType } : state;
	});
	return {
		levelKey: text('level') || previous.levelKey,
		decimal,
		year: text('year').trim(),
		skipUnmatched: form.get('skipUnmatched') === 'on',
		allLevels: form.get('allLevels') === 'on',
		roles,
		series
	};
}

/** The mapping for ImportMapping.safeParse (validation and German messages happen there). */
export function mappingInput(state: MappingState): unknown {
	const long = state.roles.includes('indicator') || state.roles.includes('value');
	const roles: ColumnRole[] = state.roles.map((r) =>
		r === 'numeric' || r === 'categorical' ? (long ? 'ignore' : 'series') : r
	);
	return {
		layout: long ? 'long' : 'wide',
		levelKey: state.levelKey,
		decimal: state.decimal,
		roles,
		year: state.year === '' ? null : state.year,
		skipUnmatched: state.skipUnmatched,
		allLevels: state.allLevels,
		series: state.series.map((s) =>
			s.target === 'ignore'
				? { source: s.source, action: 'ignore' }
				: s.target === 'new'
					? {
							source: s.source,
							action: 'new',
							valueType: s.valueType,
							meta: {
								key: s.key,
								name: s.name,
								unit: s.unit,
								domain: s.domain,
								polarity: s.polarity,
								visibility: s.visibility,
								source: s.dataSource,
								definition: s.definition,
								aggregation: s.valueType === 'categorical' ? 'none' : s.aggregation
							}
						}
					: { source: s.source, action: 'existing', indicatorId: s.target }
		)
	};
}
