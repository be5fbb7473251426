// Report definitions (saved selections), runs ("what changed since" the last run), downloads in DOCX,
// PDF and XLSX, and municipalities' DOCX templates. Every function checks 'reports.use' itself; a
// caller without it gets 'not_found' (a forbidden report looks like a missing one).
import type { Kysely } from 'kysely';
import { translator, type Locale } from '../../i18n';
import { buildReportDocument, type ReportDocument } from '../../reports/model';
import { can } from '../auth/permissions';
import { actorUserId, failure, ok, pageOf, writeAudit, type CommandContext, type Result } from '../core';
import type { AppConfig } from '../config';
import type { DB } from '../db/types';
import { gatherReportInput, type ReportSelection } from './data';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';
import type { ReportDefinitionInput, ReportFormat } from './schemas';
import { checkTemplate, fillTemplate, type TemplateCheck } from './template';

type Ctx = CommandContext & { config?: Partial<AppConfig> };

export interface ReportDefinition {
	id: string;
	title: string;
	areaIds: string[];
	indicatorKeys: string[];
	consultationIds: string[];
	themeIds: string[];
	language: Locale;
	templateId: string | null;
	lastRunAt: Date | null;
	lastRunFigures: Record<string, number | null> | null;
	previousRunAt: Date | null;
	previousRunFigures: Record<string, number | null> | null;
	updatedAt: Date;
}

export interface ReportFile {
	bytes: Uint8Array;
	contentType: string;
	fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

export const mayUseReports = (ctx: Pick<CommandContext, 'actor'>) => can(ctx.actor, 'reports.use');

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

function toDefinition(r: {
	id: string;
	title: string;
	area_ids: string[];
	area_keys: string[];
	indicator_keys: string[];
	consultation_ids: string[];
	theme_ids: string[];
	options: unknown;
	template_id: string | null;
	last_run_at: string | Date | null;
	last_run_figures: unknown;
	previous_run_at: string | Date | null;
	previous_run_figures: unknown;
	updated_at: string | Date;
}): ReportDefinition {
	const options = (json(r.options) ?? {}) as { language?: Locale };
	return {
		id: r.id,
		title: r.title,
		areaIds: r.area_ids,
		indicatorKeys: r.indicator_keys,
		consultationIds: r.consultation_ids,
		themeIds: r.theme_ids,
		language: options.language ?? 'de',
		templateId: r.template_id,
		lastRunAt: r.last_run_at ? new Date(r.last_run_at) : null,
		lastRunFigures: (json(r.last_run_figures) as Record<string, number | null> | null) ?? null,
		previousRunAt: r.previous_run_at ? new Date(r.previous_run_at) : null,
		previousRunFigures: (json(r.previous_run_figures) as Record<string, number | null> | null) ?? null,
		updatedAt: new Date(r.updated_at)
	};
}

const DEFINITION_COLUMNS = [
	'id',
	'title',
	'area_ids',
	'area_keys',
	'indicator_keys',
	'consultation_ids',
	'theme_ids',
	'options',
	'template_id',
	'last_run_at',
	'last_run_figures',
	'previous_run_at',
	'previous_run_figures',
	'updated_at'
] as const;

/**
 * The saved areas as their current versions. A boundary re-import retires an area row (valid_to) and
 * inserts its new version under a new id; a definition names the rows chosen then, so each is followed
 * to the current row of the same level and key. A row that is gone altogether is found by the key it
 * had when chosen (area_keys); an area no longer in the boundaries keeps its last version.
 */
async function withCurrentAreas<T extends { area_ids: string[]; area_keys: string[] }>(
	db: Kysely<DB>,
	rows: T[]
): Promise<T[]> {
	const ids = [...new Set(rows.flatMap((r) => r.area_ids))];
	if (!ids.length) return rows;
	const keys = [...new Set(rows.flatMap((r) => r.area_keys))];
	const [byId, byKey, existing] = await Promise.all([
		db
			.selectFrom('area as a')
			.innerJoin('area as c', (j) =>
				j.onRef('c.level_id', '=', 'a.level_id').onRef('c.key', '=', 'a.key').on('c.valid_to', 'is', null)
			)
			.select(['a.id as old_id', 'c.id as current_id'])
			.where('a.id', 'in', ids)
			.execute(),
		keys.length
			? db
					.selectFrom('area as c')
					.innerJoin('area_level as l', 'l.id', 'c.level_id')
					.select(['c.id', 'c.key'])
					.where('c.key', 'in', keys)
					.where('c.valid_to', 'is', null)
					.orderBy('l.rank')
					.execute()
			: [],
		db.selectFrom('area').select('id').where('id', 'in', ids).execute()
	]);
	const exists = new Set(existing.map((a) => a.id));
	const current = new Map(byId.map((r) => [r.old_id, r.current_id]));
	const firstByKey = new Map<string, string>();
	for (const r of byKey) if (!firstByKey.has(r.key)) firstByKey.set(r.key, r.id);
	return rows.map((r) => {
		const resolved = r.area_ids.map((id, i) => {
			if (current.has(id)) return current.get(id)!;
			if (exists.has(id)) return id;
			const key = r.area_ids.length === r.area_keys.length ? r.area_keys[i] : undefined;
			return (key !== undefined && firstByKey.get(key)) || id;
		});
		return { ...r, area_ids: [...new Set(resolved)] };
	});
}

/** One page of a list, the page clamped to the last one (a stale link shows the last page, not nothing). */
export interface ReportListPage<T> {
	items: T[];
	total: number;
	page: number;
	pageCount: number;
}

/** Saved definitions and uploaded templates per page on the reports page. */
export const REPORT_LIST_PAGE_SIZE = 20;

/** One page of the saved report definitions, most recently changed first. */
export async function listReportDefinitions(
	ctx: Ctx,
	query: { page?: number; pageSize?: number } = {}
): Promise<ReportListPage<ReportDefinition>> {
	const pageSize = query.pageSize ?? REPORT_LIST_PAGE_SIZE;
	if (!mayUseReports(ctx)) return { items: [], total: 0, page: 1, pageCount: 1 };
	const counted = await ctx.db
		.selectFrom('report_definition')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(counted.n);
	const { page, pageCount, offset } = pageOf(total, query.page, pageSize);
	const rows = await ctx.db
		.selectFrom('report_definition')
		.select(DEFINITION_COLUMNS)
		.orderBy('updated_at', 'desc')
		.orderBy('id')
		.limit(pageSize)
		.offset(offset)
		.execute();
	return { items: (await withCurrentAreas(ctx.db, rows)).map(toDefinition), total, page, pageCount };
}

export async function getReportDefinition(ctx: Ctx, id: string): Promise<ReportDefinition | null> {
	if (!mayUseReports(ctx) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
	const row = await ctx.db
		.selectFrom('report_definition')
		.select(DEFINITION_COLUMNS)
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? toDefinition((await withCurrentAreas(ctx.db, [row]))[0]) : null;
}

export async function saveReportDefinition(
	ctx: Ctx,
	input: ReportDefinitionInput,
	id: string | null = null
): Promise<Result<{ id: string }, 'not_found' | 'unknown_area'>> {
	if (!mayUseReports(ctx)) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const areas = await trx
			.selectFrom('area')
			.select('id')
			.select('key')
			.where('id', 'in', input.areaIds)
			.execute();
		if (areas.length !== new Set(input.areaIds).size) return failure('unknown_area');
		if (
			input.templateId &&
			!(await trx
				.selectFrom('report_template')
				.select('id')
				.where('id', '=', input.templateId)
				.executeTakeFirst())
		)
			return failure('unknown_area');
		const values = {
			title: input.title,
			area_ids: input.areaIds,
			// in the order of area_ids: a row that is gone is found again by its key
			area_keys: input.areaIds.map((areaId) => areas.find((a) => a.id === areaId)!.key),
			indicator_keys: input.indicatorKeys,
			consultation_ids: input.consultationIds,
			theme_ids: input.themeIds,
			options: JSON.stringify({ language: input.language }),
			template_id: input.templateId,
			updated_at: ctx.now
		};
		let savedId: string;
		if (id) {
			const row = await trx
				.updateTable('report_definition')
				.set(values)
				.where('id', '=', id)
				.returning('id')
				.executeTakeFirst();
			if (!row) return failure('not_found');
			savedId = row.id;
		} else {
			const row = await trx
				.insertInto('report_definition')
				.values({ ...values, owner_id: actorUserId(ctx.actor), created_at: ctx.now })
				.returning('id')
				.executeTakeFirstOrThrow();
			savedId = row.id;
		}
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: id ? 'report.update' : 'report.create',
			subjectType: 'report_definition',
			subjectId: savedId,
			at: ctx.now
		});
		return ok({ id: savedId });
	});
}

export async function deleteReportDefinition(ctx: Ctx, id: string): Promise<Result<null, 'not_found'>> {
	if (!mayUseReports(ctx) || !/^[0-9a-f-]{36}$/i.test(id)) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('report_definition')
			.where('id', '=', id)
			.returning('id')
			.executeTakeFirst();
		if (!row) return failure('not_found');
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'report.delete',
			subjectType: 'report_definition',
			subjectId: id,
			at: ctx.now
		});
		return ok(null);
	});
}

function suppression(ctx: Ctx) {
	return {
		smallCountK: ctx.config?.smallCountK ?? 3,
		smallAreaPopulation: ctx.config?.smallAreaPopulation ?? 1000
	};
}

/** The document of a selection on current data (no permission check: callers check). */
export async function composeReport(ctx: Ctx, selection: ReportSelection): Promise<ReportDocument> {
	const input = await gatherReportInput(ctx.db, suppression(ctx), selection, ctx.now);
	return buildReportDocument(input, translator(selection.locale));
}

export async function renderReport(
	doc: ReportDocument,
	format: ReportFormat,
	template: Uint8Array | null = null
): Promise<ReportFile> {
	const t = translator(doc.locale as Locale);
	const bytes =
		format === 'pdf'
			? await renderPdf(doc, t)
			: format === 'xlsx'
				? await renderXlsx(doc, t)
				: template
					? fillTemplate(template, doc.templateData)
					: await renderDocx(doc, t);
	const base =
		doc.title
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'bericht';
	return { bytes, contentType: CONTENT_TYPES[format], fileName: `${base}-${doc.date}.${format}` };
}

/** The comparison basis: the last run, unless it had exactly today's figures (then the one before). */
function basis(def: ReportDefinition, figures: Record<string, number | null> | null) {
	if (def.lastRunFigures && def.lastRunAt && (!figures || !sameFigures(def.lastRunFigures, figures)))
		return { at: def.lastRunAt, figures: def.lastRunFigures };
	if (def.previousRunFigures && def.previousRunAt)
		return { at: def.previousRunAt, figures: def.previousRunFigures };
	return null;
}

function sameFigures(a: Record<string, number | null>, b: Record<string, number | null>): boolean {
	const ka = Object.keys(a).sort();
	const kb = Object.keys(b).sort();
	return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

function selectionOf(def: ReportDefinition, previous: ReportSelection['previous']): ReportSelection {
	return {
		title: def.title,
		areaIds: def.areaIds,
		indicatorKeys: def.indicatorKeys,
		consultationIds: def.consultationIds,
		themeIds: def.themeIds,
		locale: def.language,
		previous
	};
}

/** Preview of a saved definition on current data, with the differences to the last run. */
export async function previewDefinition(ctx: Ctx, id: string): Promise<ReportDocument | null> {
	const def = await getReportDefinition(ctx, id);
	if (!def) return null;
	return (await composeWithChanges(ctx, def)).doc;
}

/**
 * Gathers the data once; the figures of this build decide which earlier run the document compares
 * with, and the document is built again from the same data only when there is one (no second
 * round of queries).
 */
async function composeWithChanges(
	ctx: Ctx,
	def: ReportDefinition
): Promise<{ doc: ReportDocument; figures: ReportDocument['figures'] }> {
	const selection = selectionOf(def, null);
	const input = await gatherReportInput(ctx.db, suppression(ctx), selection, ctx.now);
	const t = translator(selection.locale);
	const plain = buildReportDocument(input, t);
	const previous = basis(def, plain.figures);
	return { doc: previous ? buildReportDocument({ ...input, previous }, t) : plain, figures: plain.figures };
}

/**
 * Runs a saved definition on current data and returns the file; records this run's figures (the run
 * before moves to previous_run_* when the figures changed).
 */
export async function runReportDefinition(
	ctx: Ctx,
	id: string,
	format: ReportFormat
): Promise<Result<ReportFile, 'not_found'>> {
	const def = await getReportDefinition(ctx, id);
	if (!def) return failure('not_found');
	const { doc, figures } = await composeWithChanges(ctx, def);
	const template = def.templateId && format === 'docx' ? await loadTemplate(ctx.db, def.templateId) : null;
	const file = await renderReport(doc, format, template);
	await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('report_definition')
			.select(['last_run_at', 'last_run_figures'])
			.where('id', '=', id)
			.forUpdate()
			.executeTakeFirst();
		if (!row) return;
		const last = json(row.last_run_figures) as Record<string, number | null> | null;
		const changed = !last || !sameFigures(last, figures);
		await trx
			.updateTable('report_definition')
			.set({
				last_run_at: ctx.now,
				last_run_figures: JSON.stringify(figures),
				...(changed && last
					? { previous_run_at: row.last_run_at, previous_run_figures: JSON.stringify(last) }
					: {})
			})
			.where('id', '=', id)
			.execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'report.run',
			subjectType: 'report_definition',
			subjectId: id,
			details: { format },
			at: ctx.now
		});
	});
	return ok(file);
}

// ---------- templates ----------

export interface ReportTemplate {
	id: string;
	name: string;
	fileName: string;
	byteSize: number;
	createdAt: Date;
}

const toTemplate = (r: {
	id: string;
	name: string;
	file_name: string;
	byte_size: number;
	created_at: string | Date;
}): ReportTemplate => ({
	id: r.id,
	name: r.name,
	fileName: r.file_name,
	byteSize: r.byte_size,
	createdAt: new Date(r.created_at)
});

/** One page of the uploaded templates, newest first (the list on the reports page). */
export async function listReportTemplates(
	ctx: Ctx,
	query: { page?: number; pageSize?: number } = {}
): Promise<ReportListPage<ReportTemplate>> {
	const pageSize = query.pageSize ?? REPORT_LIST_PAGE_SIZE;
	if (!mayUseReports(ctx)) return { items: [], total: 0, page: 1, pageCount: 1 };
	const counted = await ctx.db
		.selectFrom('report_template')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(counted.n);
	const { page, pageCount, offset } = pageOf(total, query.page, pageSize);
	const rows = await ctx.db
		.selectFrom('report_template')
		.select(['id', 'name', 'file_name', 'byte_size', 'created_at'])
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(pageSize)
		.offset(offset)
		.execute();
	return { items: rows.map(toTemplate), total, page, pageCount };
}

/** Every template by name, for the builder's template choice (names only, never the files). */
async function allTemplates(ctx: Ctx): Promise<ReportTemplate[]> {
	const rows = await ctx.db
		.selectFrom('report_template')
		.select(['id', 'name', 'file_name', 'byte_size', 'created_at'])
		.orderBy('name')
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map(toTemplate);
}

async function loadTemplate(db: Kysely<DB>, id: string): Promise<Uint8Array | null> {
	const row = await db
		.selectFrom('report_template')
		.select('content')
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? new Uint8Array(row.content as unknown as Buffer) : null;
}

export async function uploadReportTemplate(
	ctx: Ctx,
	input: { name: string; fileName: string; bytes: Uint8Array }
): Promise<Result<{ id: string }, 'not_found' | TemplateCheck>> {
	if (!mayUseReports(ctx)) return failure('not_found');
	const problem = checkTemplate(input.bytes);
	if (problem) return failure(problem);
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('report_template')
			.values({
				name: input.name,
				file_name: input.fileName.slice(0, 200),
				content: Buffer.from(input.bytes),
				byte_size: input.bytes.length,
				uploaded_by: actorUserId(ctx.actor),
				created_at: ctx.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'report.template.upload',
			subjectType: 'report_template',
			subjectId: row.id,
			at: ctx.now
		});
		return ok({ id: row.id });
	});
}

/** Deletes a template; report definitions that used it fall back to the standard layout (on delete set null). */
export async function deleteReportTemplate(ctx: Ctx, id: string): Promise<Result<null, 'not_found'>> {
	if (!mayUseReports(ctx) || !/^[0-9a-f-]{36}$/i.test(id)) return failure('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('report_template')
			.where('id', '=', id)
			.returning('id')
			.executeTakeFirst();
		if (!row) return failure('not_found');
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'report.template.delete',
			subjectType: 'report_template',
			subjectId: id,
			at: ctx.now
		});
		return ok(null);
	});
}

// ---------- what the builder offers ----------

export interface ReportChoices {
	levels: { key: string; name: string; areas: { id: string; key: string; name: string }[] }[];
	indicators: { key: string; name: string }[];
	consultations: { id: string; title: string }[];
	themes: { id: string; name: string }[];
	templates: ReportTemplate[];
}

export async function reportChoices(ctx: Ctx): Promise<ReportChoices> {
	if (!mayUseReports(ctx))
		return { levels: [], indicators: [], consultations: [], themes: [], templates: [] };
	const [areas, indicators, consultations, themes, templates] = await Promise.all([
		ctx.db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select([
				'area.id',
				'area.key',
				'area.name',
				'area_level.key as level_key',
				'area_level.name as level_name'
			])
			.where('area.valid_to', 'is', null)
			.orderBy('area_level.rank')
			.orderBy('area.name')
			.execute(),
		ctx.db
			.selectFrom('indicator')
			.select(['key', 'name'])
			.where('visibility', '=', 'public')
			.where('value_type', '=', 'numeric')
			.orderBy('sort_order')
			.orderBy('name')
			.execute(),
		ctx.db
			.selectFrom('consultation')
			.select(['id', 'title'])
			.where('status', '!=', 'draft')
			.orderBy('title')
			.limit(200)
			.execute(),
		ctx.db.selectFrom('theme').select(['id', 'name']).orderBy('name').limit(200).execute(),
		allTemplates(ctx)
	]);
	const levels: ReportChoices['levels'] = [];
	for (const a of areas) {
		let level = levels.find((l) => l.key === a.level_key);
		if (!level) levels.push((level = { key: a.level_key, name: a.level_name, areas: [] }));
		level.areas.push({ id: a.id, key: a.key, name: a.name });
	}
	return { levels, indicators, consultations, themes, templates };
}
