import { createHash } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { cityDay } from '$lib/format/dates';
import { authorize } from '$lib/server/auth/permissions';
import {
	BOUNDARY_LEVEL_SLOTS,
	buildPreview,
	discardImportFile,
	formatIssues,
	importAreas,
	loadImportFile,
	mappingFormValues,
	parseMappingForm,
	parseReadOptions,
	planSource,
	readAreaSource,
	slotFieldName,
	TABLE_LEVEL_SLOTS,
	type AreaSource,
	type MappingFormValues,
	type ReadOptions
} from '$lib/server/area-import';
import type { RequestContext } from '$lib/server/core';
import type { Actions, PageServerLoad } from './$types';

const slotsFor = (source: AreaSource) => (source.kind === 'table' ? TABLE_LEVEL_SLOTS : BOUNDARY_LEVEL_SLOTS);

/** How to read the file (GeoPackage layer, .dbf character set) lives in the URL: ?ebene=…&zeichensatz=… */
function readOptionsFrom(url: URL): ReadOptions {
	return parseReadOptions({
		layer: url.searchParams.get('ebene'),
		encoding: url.searchParams.get('zeichensatz')
	});
}

async function openUpload(ctx: RequestContext, id: string, options: ReadOptions) {
	const file = await loadImportFile(ctx, ctx.actor!.id, id);
	if (!file) return null;
	const read = await readAreaSource(file.bytes, options);
	return { file, read };
}

/** A few values with letters beyond ASCII (umlauts), so the planner sees whether the character set is right. */
function encodingSamples(source: AreaSource): string[] {
	const samples = new Set<string>();
	for (const record of source.records)
		for (const value of Object.values(record.values)) {
			if (samples.size >= 5) return [...samples];
			if (/[\u0080-\uffff]/.test(value)) samples.add(value);
		}
	return [...samples];
}

function guessNameField(fields: string[]): string {
	return fields.find((f) => /^(name|gen|bezeichnung|gebietsname)$/i.test(f)) ?? '';
}

const previewToken = (values: MappingFormValues) =>
	createHash('sha256').update(JSON.stringify(values)).digest('hex');

export const load: PageServerLoad = async ({ locals, params, url }) => {
	authorize(locals.ctx, 'area.manage', undefined, url.pathname);
	const options = readOptionsFrom(url);
	const opened = await openUpload(locals.ctx, params.id, options);
	if (!opened) return { expired: true, fileError: null, ready: null };
	const { file, read } = opened;
	if (!read.ok)
		return {
			expired: false,
			fileError: formatIssues(locals.ctx.t, [read.issue], null).messages[0],
			ready: null
		};
	const source = read.source;
	const levels = await locals.ctx.db
		.selectFrom('area_level')
		.select(['key', 'name', 'rank'])
		.orderBy('rank')
		.execute();
	const nextRank = levels.length ? levels[levels.length - 1].rank + 1 : 1;
	const slots = slotsFor(source);
	const defaults: MappingFormValues = { validFrom: cityDay(locals.ctx.now) };
	for (let i = 0; i < slots; i++) {
		defaults[slotFieldName(i, 'level')] = i === 0 && source.kind === 'boundaries' ? 'new' : '';
		defaults[slotFieldName(i, 'newName')] = '';
		defaults[slotFieldName(i, 'newRank')] = String(nextRank + i);
		defaults[slotFieldName(i, 'key')] = '';
		defaults[slotFieldName(i, 'name')] = source.kind === 'boundaries' ? guessNameField(source.fields) : '';
		defaults[slotFieldName(i, 'parentMatch')] = 'none';
		defaults[slotFieldName(i, 'parentField')] = '';
		defaults[slotFieldName(i, 'parentLevel')] = '';
		defaults[slotFieldName(i, 'population')] = '';
		defaults[slotFieldName(i, 'populationYear')] = '';
	}
	const ready = {
		fileName: file.fileName,
		source: {
			kind: source.kind,
			format: source.format,
			crs: source.crs?.name ?? null,
			encoding: source.encoding,
			encodingSource: source.encodingSource ?? null,
			encodingSamples: source.format === 'shapefile' ? encodingSamples(source) : [],
			layers: source.layers ?? [],
			layer: source.layer ?? null,
			fields: source.fields,
			count: source.records.length,
			sample: source.records
				.slice(0, 5)
				.map((r) => ({ index: r.index, cells: source.fields.map((f) => r.values[f] ?? '') }))
		},
		slots,
		levels,
		defaults,
		/** The read options as they are in the URL, kept on the wizard's form actions. */
		readQuery: new URLSearchParams(
			Object.entries({ ebene: options.layer, zeichensatz: options.encoding }).filter(
				(e): e is [string, string] => e[1] !== undefined
			)
		).toString()
	};
	return { expired: false, fileError: null, ready };
};

async function previewOrCommit(ctx: RequestContext, id: string, request: Request, url: URL, commit: boolean) {
	authorize(ctx, 'area.manage');
	const opened = await openUpload(ctx, id, readOptionsFrom(url));
	if (!opened || !opened.read.ok) redirect(303, `/admin/gebiete/import/${id}`);
	const { file, read } = opened;
	const source = read.source;
	const form = await request.formData();
	const values = mappingFormValues(form, slotsFor(source));
	const parsed = parseMappingForm(values, slotsFor(source));
	if (!parsed.ok) {
		const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, ctx.t(v)]));
		return fail(400, { values, errors, preview: null, problems: null, token: null });
	}
	// The preview is of this file read this way: a different layer or character set needs a new preview.
	const token = previewToken({
		...values,
		readLayer: source.layer ?? '',
		readEncoding: source.encoding ?? ''
	});
	// Committing needs a preview of exactly these choices; otherwise show the preview (again) first.
	if (commit && form.get('previewed') === token) {
		const result = await importAreas(ctx, {
			bytes: file.bytes,
			fileName: file.fileName,
			mapping: parsed.mapping,
			source
		});
		if (result.ok) {
			await discardImportFile(ctx, ctx.actor!.id, id);
			redirect(303, `/admin/gebiete?import=${result.value.importId}`);
		}
		return fail(400, {
			values,
			errors: {},
			preview: result.stage === 'plan' ? buildPreview(result.plan) : null,
			problems: formatIssues(ctx.t, result.issues, source.kind),
			token: null
		});
	}
	const planned = await planSource(ctx.db, source, parsed.mapping);
	const plan = planned.ok ? planned.plan : planned.stage === 'plan' ? planned.plan : null;
	const preview = plan ? buildPreview(plan) : null;
	if (!planned.ok)
		return fail(400, {
			values,
			errors: {},
			preview,
			problems: formatIssues(ctx.t, planned.issues, source.kind),
			token: null
		});
	return { values, errors: {}, preview, problems: null, token };
}

export const actions: Actions = {
	vorschau: ({ locals, params, request, url }) => previewOrCommit(locals.ctx, params.id, request, url, false),
	uebernehmen: ({ locals, params, request, url }) =>
		previewOrCommit(locals.ctx, params.id, request, url, true),
	verwerfen: async ({ locals, params }) => {
		authorize(locals.ctx, 'area.manage');
		await discardImportFile(locals.ctx, locals.ctx.actor!.id, params.id);
		redirect(303, '/admin/gebiete/import?meldung=abgebrochen');
	}
};
