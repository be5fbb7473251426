// The one export service: every enabled module of a consultation, every export definition of each,
// as CSV (comma or German-Excel semicolon), XLSX or GeoJSON. Checks permission first, writes an
// audit row, never exports names or e-mails (definitions select no author columns), applies the
// small-number rule (table.ts).
import { strToU8, zipSync } from 'fflate';
import { translator, type Locale } from '../../../i18n';
import { can } from '../../auth/permissions';
import { getConsultationById } from '../../consultations/queries';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../../core';
import type { ExportAudience } from '../component';
import { registry as defaultRegistry, type Registry } from '../registry';
import { toCsv } from './csv';
import { berlinDate } from './format';
import { toGeoJson } from './geojson';
import { buildTable, type ExportTable, type Translate } from './table';
import { toXlsx } from './xlsx';

export const EXPORT_FORMATS = ['csv', 'csv-semicolon', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
	return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportFile {
	bytes: Uint8Array;
	contentType: string;
	/** `<slug>-<yyyy-mm-dd>.<ext>` (date in Europe/Berlin) */
	fileName: string;
	/** definition key → rows */
	rowCounts: Record<string, number>;
}

export type ExportCode = 'not_found' | 'forbidden';

const DEFAULT_SMALL_COUNT_K = 3;

/** Loads every enabled module's definitions and builds their tables (translated, suppressed). */
export async function collectTables(
	ctx: CommandContext,
	consultation: { id: string; modules: readonly string[] },
	options: { audience?: ExportAudience; registry?: Registry; t?: Translate } = {}
): Promise<ExportTable[]> {
	const reg = options.registry ?? defaultRegistry;
	const t = options.t ?? translatorFor(ctx);
	const k = ctx.config?.smallCountK ?? DEFAULT_SMALL_COUNT_K;
	const audience = options.audience ?? 'staff';
	const tables: ExportTable[] = [];
	for (const manifest of reg.forConsultations()) {
		if (!consultation.modules.includes(manifest.key)) continue;
		const hooks = await manifest.hooks();
		for (const definition of hooks.exports ?? []) {
			if (audience === 'public' && !definition.openData) continue;
			const columns =
				typeof definition.columns === 'function' ? await definition.columns(ctx) : definition.columns;
			const rows = await definition.rows(ctx, consultation.id, audience);
			tables.push(buildTable(definition, columns, rows, t, k));
		}
	}
	return tables;
}

function translatorFor(ctx: CommandContext): Translate {
	const t = ctx.t ?? translator((ctx.locale ?? ctx.actor?.locale ?? 'de') as Locale);
	return (key, params) => t(key, params ?? {}) as string;
}

type RenderedFile = Pick<ExportFile, 'bytes' | 'contentType' | 'fileName'>;

async function render(
	tables: ExportTable[],
	format: ExportFormat,
	base: string,
	t: Translate,
	meta: { title: string; now: Date; smallCountK: number }
): Promise<RenderedFile> {
	switch (format) {
		case 'csv':
		case 'csv-semicolon': {
			const variant = format === 'csv' ? 'comma' : 'semicolon';
			// One table = one CSV file; several (several modules) = a ZIP with one CSV each.
			if (tables.length === 1)
				return {
					bytes: strToU8(toCsv(tables[0], variant)),
					contentType: 'text/csv; charset=utf-8',
					fileName: `${base}.csv`
				};
			const files: Record<string, Uint8Array> = {};
			for (const table of tables) files[`${base}-${table.key}.csv`] = strToU8(toCsv(table, variant));
			return { bytes: zipSync(files), contentType: 'application/zip', fileName: `${base}.zip` };
		}
		case 'xlsx':
			return {
				bytes: await toXlsx(tables, t, meta),
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				fileName: `${base}.xlsx`
			};
		case 'geojson':
			return {
				bytes: strToU8(JSON.stringify(toGeoJson(tables))),
				contentType: 'application/geo+json; charset=utf-8',
				fileName: `${base}.geojson`
			};
	}
}

/**
 * Exports a consultation's input. 'not_found' when it does not exist or the actor may not see it
 * (drafts); 'forbidden' when they may see it but not export ('consultation.export'). Writes one
 * audit_log row per export (who, when, consultation, format, row counts); nothing else changes.
 */
export async function exportConsultation(
	ctx: CommandContext,
	input: { consultationId: string; format: ExportFormat },
	registry: Registry = defaultRegistry
): Promise<Result<ExportFile, ExportCode>> {
	const consultation = await getConsultationById(ctx.db, input.consultationId, ctx.actor);
	if (!consultation) return failure('not_found');
	if (!can(ctx.actor, 'consultation.export', consultation.subject)) return failure('forbidden');

	const t = translatorFor(ctx);
	const smallCountK = ctx.config?.smallCountK ?? DEFAULT_SMALL_COUNT_K;
	const tables = await collectTables(ctx, consultation, { registry, t });
	const rowCounts = Object.fromEntries(tables.map((table) => [table.key, table.rows.length]));
	const file = await render(tables, input.format, `${consultation.slug}-${berlinDate(ctx.now)}`, t, {
		title: consultation.title,
		now: ctx.now,
		smallCountK
	});
	await writeAudit(ctx.db, {
		actorId: actorUserId(ctx.actor),
		action: 'consultation.export',
		subjectType: 'consultation',
		subjectId: consultation.id,
		at: ctx.now,
		details: {
			format: input.format,
			rowCounts,
			suppressedCells: tables.reduce((sum, table) => sum + table.suppressedCells, 0),
			...(ctx.actor?.system ? { via: 'cli' } : {})
		}
	});
	return ok({ ...file, rowCounts });
}
