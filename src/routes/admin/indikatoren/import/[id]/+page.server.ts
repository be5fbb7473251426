import { error, fail, redirect } from '@sveltejs/kit';
import { discardImportFile, loadImportFile } from '$lib/server/area-import';
import { listAreaLevels } from '$lib/server/areas';
import { authorize } from '$lib/server/auth/permissions';
import type { RequestContext } from '$lib/server/core';
import {
	applyIndicatorMetadata,
	commitIndicatorImport,
	describeIssue,
	findMetadataSheet,
	readMetadataSheet,
	ImportMapping,
	listIndicators,
	loadImportContext,
	mappingInput,
	previewIndicatorImport,
	stateFromForm,
	stateFromMapping,
	suggestMapping,
	type ImportIssue,
	type MappingState
} from '$lib/server/indicators';
import { readTable, type TableOptions } from '$lib/server/imports/table-file';
import { formatRowList, formatRowRange, parseRowList, parseRowRange } from '$lib/tables/layout';
import type { Actions, PageServerLoad } from './$types';

/**
 * How to read the file, as the planner typed it (sheet, header rows "3-5", rows to skip "12, 15-17"),
 * and the sheet with the indicators' metadata ('' = found by its name, '-' = none).
 */
interface ReadingInput {
	sheet: string;
	headerRows: string;
	skipRows: string;
	metadata: string;
}

function readingOptions(input: ReadingInput): { options: TableOptions; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const options: TableOptions = {};
	if (input.sheet.trim()) options.sheet = input.sheet;
	if (input.headerRows.trim()) {
		const range = parseRowRange(input.headerRows);
		if (range) options.headerRows = range;
		else errors.headerRows = 'tables.reading.errors.headerRows';
	}
	const skip = parseRowList(input.skipRows);
	if (skip) options.skipRows = skip;
	else errors.skipRows = 'tables.reading.errors.skipRows';
	return { options, errors };
}

const READ_ERRORS: Record<string, string> = {
	header_out_of_range: 'tables.reading.errors.headerOutOfRange',
	no_data_rows: 'tables.reading.errors.noDataRows',
	unknown_sheet: 'tables.reading.errors.unknownSheet'
};

async function openFile(ctx: RequestContext, id: string, options: TableOptions = {}) {
	const file = await loadImportFile(ctx, ctx.actor!.id, id);
	if (!file) error(404, ctx.t('indicators.import.fileGone'));
	let table = await readTable(file.bytes, options);
	let readingError: string | null = null;
	// A reading that no longer fits (a sheet renamed in the URL, header rows below the data):
	// say so and show the detected reading.
	if (!table.ok && READ_ERRORS[table.code]) {
		readingError = READ_ERRORS[table.code];
		table = await readTable(file.bytes);
	}
	if (!table.ok) error(400, ctx.t('indicators.import.unreadable'));
	return { fileName: file.fileName, bytes: file.bytes, table: table.table, readingError };
}

type OpenedTable = Awaited<ReturnType<typeof openFile>>['table'];

const METADATA_ERRORS: Record<string, string> = {
	unreadable: 'indicators.import.metadata.unreadable',
	unknown_sheet: 'tables.reading.errors.unknownSheet',
	no_series_column: 'indicators.import.metadata.noSeriesColumn',
	no_metadata_columns: 'indicators.import.metadata.noMetadataColumns'
};

/** The metadata sheet asked for, or the one found by its name; a found one that does not read is ignored. */
async function metadataFor(bytes: Uint8Array, table: OpenedTable, asked: string) {
	const reading = table.reading;
	const sheet =
		asked === '-' ? null : asked || findMetadataSheet(reading?.sheets ?? [], reading?.sheet ?? null);
	const none = { sheet: null, entries: [], issues: [], error: null };
	if (!sheet) return none;
	const read = await readMetadataSheet(bytes, sheet);
	if (read.ok) return { sheet, entries: read.entries, issues: read.issues, error: null };
	return asked ? { ...none, error: METADATA_ERRORS[read.code] } : none;
}
type Metadata = Awaited<ReturnType<typeof metadataFor>>;

function postedReading(form: FormData, prefix: string): ReadingInput {
	const text = (name: string) => {
		const v = form.get(`${prefix}${name}`);
		return typeof v === 'string' ? v.slice(0, 200) : '';
	};
	return {
		sheet: text('sheet'),
		headerRows: text('headerRows'),
		skipRows: text('skipRows'),
		metadata: text('metadata')
	};
}

function readingQuery(level: string, input: ReadingInput): string {
	const q = new URLSearchParams({ ebene: level });
	if (input.sheet) q.set('blatt', input.sheet);
	if (input.headerRows.trim()) q.set('kopf', input.headerRows.trim());
	if (input.skipRows.trim()) q.set('auslassen', input.skipRows.trim());
	if (input.metadata) q.set('metadaten', input.metadata);
	return q.toString();
}

/** The reading of the file as shown on the page and posted back with the mapping. */
function readingView(table: OpenedTable) {
	const r = table.reading!;
	return {
		sheets: r.sheets,
		sheet: r.sheet,
		header: formatRowRange(r.header),
		data: formatRowRange(r.data),
		titles: r.titles,
		footerFrom: r.footerFrom,
		skipped: formatRowList(r.skipped),
		skipRequested: formatRowList(r.skipRequested),
		detected: r.detected,
		excerpt: r.excerpt,
		applied: {
			sheet: r.sheet ?? '',
			headerRows: r.detected ? '' : `${r.header.from}-${r.header.to}`,
			skipRows: r.skipRequested.join(',')
		}
	};
}

async function suggestedState(ctx: RequestContext, table: OpenedTable, levelKey: string, metadata: Metadata) {
	const context = await loadImportContext(ctx.db, levelKey);
	if (!context) return null;
	const suggestion = suggestMapping(table, levelKey, context);
	if (!suggestion.ok) return null;
	const described = applyIndicatorMetadata(suggestion.mapping, metadata.entries);
	return { state: stateFromMapping(described.mapping, table, context), context, described };
}

/** What the metadata sheet gave, as shown above the mapping. */
function metadataView(
	ctx: RequestContext,
	metadata: Metadata,
	described: { described: string[]; unused: { series: string }[] }
) {
	return {
		sheet: metadata.sheet,
		error: metadata.error ? ctx.t(metadata.error) : null,
		described: described.described.slice(0, 50),
		unused: described.unused.map((u) => u.series).slice(0, 50),
		issues: metadata.issues.slice(0, 50).map((i) =>
			ctx.t('indicators.import.metadata.issue', {
				row: i.row,
				column: i.column,
				value: i.value,
				field: ctx.t(`indicators.import.metadata.fields.${i.field}`)
			})
		)
	};
}

/** Reads the posted mapping; returns the state to show again and the validated mapping (or messages). */
async function readMapping(ctx: RequestContext, id: string, form: FormData) {
	// The reading the mapping was made for (hidden fields): the columns depend on it.
	const applied = postedReading(form, 'applied-');
	const { fileName, bytes, table } = await openFile(ctx, id, readingOptions(applied).options);
	const levelKey = String(form.get('level') ?? '');
	const suggested = await suggestedState(
		ctx,
		table,
		levelKey,
		await metadataFor(bytes, table, applied.metadata)
	);
	if (!suggested)
		return {
			fileName,
			table,
			state: null,
			mapping: null,
			messages: [ctx.t('indicators.import.unknownLevel')]
		};
	const state = stateFromForm(form, table, suggested.context, suggested.state);
	const parsed = ImportMapping.safeParse(mappingInput(state));
	if (!parsed.success) {
		const messages = [...new Set(parsed.error.issues.map((i) => ctx.t(i.message)))];
		return { fileName, table, state, mapping: null, messages };
	}
	return { fileName, table, state, mapping: parsed.data, messages: [] };
}

function issueMessages(ctx: RequestContext, issues: ImportIssue[], total: number): string[] {
	const lines = issues.map((i) => describeIssue(i, ctx.t));
	if (total > lines.length)
		lines.push(ctx.t('indicators.import.moreIssues', { count: total - lines.length }));
	return lines;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	authorize(locals.ctx, 'indicator.manage', undefined, url.pathname + url.search);
	const asked: ReadingInput = {
		sheet: url.searchParams.get('blatt') ?? '',
		headerRows: url.searchParams.get('kopf') ?? '',
		skipRows: url.searchParams.get('auslassen') ?? '',
		metadata: url.searchParams.get('metadaten') ?? ''
	};
	const { fileName, bytes, table, readingError } = await openFile(
		locals.ctx,
		params.id,
		readingOptions(asked).options
	);
	const levels = await listAreaLevels(locals.ctx.db);
	const requested = url.searchParams.get('ebene');
	const levelKey = levels.some((l) => l.key === requested) ? requested! : (levels.at(-1)?.key ?? '');
	const metadata = await metadataFor(bytes, table, asked.metadata);
	const suggested = await suggestedState(locals.ctx, table, levelKey, metadata);
	if (!suggested) error(400, locals.ctx.t('indicators.import.unknownLevel'));
	const indicators = await listIndicators(locals.ctx.db);
	return {
		fileName,
		file: {
			rows: table.rows.length,
			columns: table.columns.length,
			encoding: table.encoding,
			delimiter: table.delimiter
		},
		columns: table.columns,
		reading: readingView(table),
		metadata: metadataView(locals.ctx, metadata, suggested.described),
		metadataAsked: asked.metadata,
		// The reading lives in the URL; form actions keep it ("?kopf=4&/vorschau").
		readingQuery: readingQuery(levelKey, asked),
		readingError: readingError ? locals.ctx.t(readingError) : null,
		examples: table.columns.map((_, i) =>
			table.rows
				.slice(0, 3)
				.map((r) => r[i])
				.filter((c) => c !== '')
		),
		levels: levels.map((l) => ({ key: l.key, name: l.name })),
		indicators: indicators.map((i) => ({ id: i.id, name: i.name, key: i.key })),
		state: suggested.state as MappingState
	};
};

export const actions: Actions = {
	/** Another sheet, other header rows or rows to skip: read the file again with them. */
	lesen: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const { t } = locals.ctx;
		const form = await request.formData();
		const input = postedReading(form, '');
		const level = String(form.get('level') ?? '').slice(0, 100);
		const { options, errors } = readingOptions(input);
		if (Object.keys(errors).length === 0) {
			const file = await loadImportFile(locals.ctx, locals.ctx.actor!.id, params.id);
			if (!file) error(404, t('indicators.import.fileGone'));
			const table = await readTable(file.bytes, options);
			if (!table.ok)
				errors[table.code === 'unknown_sheet' ? 'sheet' : 'headerRows'] =
					READ_ERRORS[table.code] ?? 'indicators.import.unreadable';
		}
		if (Object.keys(errors).length > 0)
			return fail(400, {
				readingErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)])),
				readingValues: input
			});
		redirect(303, `/admin/indikatoren/import/${params.id}?${readingQuery(level, input)}`);
	},
	vorschau: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const read = await readMapping(locals.ctx, params.id, await request.formData());
		if (!read.mapping) return fail(400, { state: read.state, mappingErrors: read.messages });
		const preview = await previewIndicatorImport(locals.ctx.db, read.table, read.mapping);
		if (!preview.ok) {
			if (preview.code === 'unknown_level')
				return fail(400, {
					state: read.state,
					mappingErrors: [locals.ctx.t('indicators.import.unknownLevel')]
				});
			return fail(400, {
				state: read.state,
				issues: issueMessages(locals.ctx, preview.issues, preview.totalIssues)
			});
		}
		return { state: read.state, preview: preview.value };
	},
	importieren: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const { t } = locals.ctx;
		const read = await readMapping(locals.ctx, params.id, await request.formData());
		if (!read.mapping) return fail(400, { state: read.state, mappingErrors: read.messages });
		const result = await commitIndicatorImport(locals.ctx, {
			fileName: read.fileName,
			table: read.table,
			mapping: read.mapping
		});
		if (!result.ok) {
			switch (result.code) {
				case 'invalid_file':
					return fail(400, {
						state: read.state,
						issues: issueMessages(locals.ctx, result.issues, result.totalIssues)
					});
				case 'unmatched_keys': {
					const preview = await previewIndicatorImport(locals.ctx.db, read.table, read.mapping);
					return fail(400, {
						state: read.state,
						preview: preview.ok ? preview.value : undefined,
						mappingErrors: [t('indicators.import.unmatchedRefused')]
					});
				}
				case 'key_taken':
					return fail(409, { state: read.state, mappingErrors: [t('indicators.import.keyTaken')] });
				default:
					return fail(400, { state: read.state, mappingErrors: [t('indicators.import.unknownLevel')] });
			}
		}
		await discardImportFile(locals.ctx, locals.ctx.actor!.id, params.id);
		const q = new URLSearchParams({
			meldung: 'importiert',
			werte: String(result.value.values),
			indikatoren: String(result.value.indicatorIds.length)
		});
		for (const c of result.value.createdIndicators.slice(0, 50)) q.append('neu', c.name);
		redirect(303, `/admin/indikatoren?${q}`);
	},
	abbrechen: async ({ locals, params }) => {
		authorize(locals.ctx, 'indicator.manage');
		await discardImportFile(locals.ctx, locals.ctx.actor!.id, params.id);
		redirect(303, '/admin/indikatoren/import?meldung=abgebrochen');
	}
};
