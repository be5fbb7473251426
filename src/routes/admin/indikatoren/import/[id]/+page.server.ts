import { error, fail, redirect } from '@sveltejs/kit';
import { discardImportFile, loadImportFile } from '$lib/server/area-import';
import { listAreaLevels } from '$lib/server/areas';
import { authorize } from '$lib/server/auth/permissions';
import type { RequestContext } from '$lib/server/core';
import {
	commitIndicatorImport,
	describeIssue,
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
import { readTable } from '$lib/server/imports/table-file';
import type { Actions, PageServerLoad } from './$types';

async function openFile(ctx: RequestContext, id: string) {
	const file = await loadImportFile(ctx, ctx.actor!.id, id);
	if (!file) error(404, ctx.t('indicators.import.fileGone'));
	const table = await readTable(file.bytes);
	if (!table.ok) error(400, ctx.t('indicators.import.unreadable'));
	return { fileName: file.fileName, table: table.table };
}

async function suggestedState(
	ctx: RequestContext,
	table: Awaited<ReturnType<typeof openFile>>['table'],
	levelKey: string
) {
	const context = await loadImportContext(ctx.db, levelKey);
	if (!context) return null;
	const suggestion = suggestMapping(table, levelKey, context);
	if (!suggestion.ok) return null;
	return { state: stateFromMapping(suggestion.mapping, table, context), context };
}

/** Reads the posted mapping; returns the state to show again and the validated mapping (or messages). */
async function readMapping(ctx: RequestContext, id: string, form: FormData) {
	const { fileName, table } = await openFile(ctx, id);
	const levelKey = String(form.get('level') ?? '');
	const suggested = await suggestedState(ctx, table, levelKey);
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
	const { fileName, table } = await openFile(locals.ctx, params.id);
	const levels = await listAreaLevels(locals.ctx.db);
	const requested = url.searchParams.get('ebene');
	const levelKey = levels.some((l) => l.key === requested) ? requested! : (levels.at(-1)?.key ?? '');
	const suggested = await suggestedState(locals.ctx, table, levelKey);
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
