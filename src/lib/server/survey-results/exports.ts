// Survey exports for staff (permission surveys.results): one row per response with answer codes and
// the area keys at every level, through the participation core's CSV and XLSX writers (the XLSX gets
// the codebook as a second sheet: variables, question texts, answer codes and labels); GeoJSON with
// one feature per map answer; SPSS as .sav (variable and value labels) and as .sps syntax + CSV in a
// ZIP, as LimeSurvey offers. Raw responses are the organiser's working data (like LimeSurvey's
// response export); nothing here is published — published results are in published.ts.
import { strToU8, zipSync } from 'fflate';
import type { Locale } from '../../i18n';
import { translator } from '../../i18n';
import { csvForSps, writeSav, writeSps } from '../../questionnaire/spss';
import { textIn } from '../../questionnaire/results';
import {
	codebook,
	surveyColumns,
	surveyRows,
	toSpssTable,
	type SurveyTable,
	type TabularLabels
} from '../../questionnaire/tabular';
import { RESPONSE_CHANNELS } from '../../questionnaire/definition';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import { toCsv } from '../participation/exports/csv';
import { berlinDate } from '../participation/exports/format';
import { toGeoJson } from '../participation/exports/geojson';
import type { ExportTable, Translate } from '../participation/exports/table';
import { toXlsx } from '../participation/exports/xlsx';
import { loadSurveyFor } from '../surveys';
import { loadSurveyData } from './data';

export const SURVEY_EXPORT_FORMATS = ['csv', 'xlsx', 'sav', 'sps', 'geojson'] as const;
export type SurveyExportFormat = (typeof SURVEY_EXPORT_FORMATS)[number];

export function isSurveyExportFormat(x: unknown): x is SurveyExportFormat {
	return typeof x === 'string' && (SURVEY_EXPORT_FORMATS as readonly string[]).includes(x);
}

export interface SurveyExportFile {
	bytes: Uint8Array;
	contentType: string;
	fileName: string;
	rows: number;
}

export function tabularLabels(
	t: Translate,
	locale: string,
	levels: { key: string; name: string }[]
): TabularLabels {
	const p = 'surveysResults.export.';
	return {
		locale,
		responseNumber: t(`${p}response`),
		channel: t(`${p}channel`),
		date: t(`${p}date`),
		channels: Object.fromEntries(
			RESPONSE_CHANNELS.map((c) => [c, t(`surveysResults.channels.${c}`)])
		) as TabularLabels['channels'],
		yes: t(`${p}yes`),
		no: t(`${p}no`),
		selected: t(`${p}selected`),
		notSelected: t(`${p}notSelected`),
		other: t(`${p}other`),
		areaAtLevel: (question, level) => t(`${p}areaAtLevel`, { question, level }),
		place: (question, place) => t(`${p}place`, { question, place: String(place) }),
		features: (question) => t(`${p}features`, { question }),
		files: (question) => t(`${p}files`, { question }),
		levels
	};
}

function asExportTable(key: string, label: string, table: SurveyTable): ExportTable {
	return {
		key,
		label,
		columns: table.columns.map((c) => ({ key: c.name, label: c.label, description: c.label })),
		rows: table.rows,
		geometries: null,
		suppressedCells: 0
	};
}

export async function exportSurvey(
	ctx: CommandContext,
	input: { surveyId: string; format: SurveyExportFormat }
): Promise<Result<SurveyExportFile, 'not_found'>> {
	const found = await loadSurveyFor(ctx, input.surveyId, 'surveys.results');
	if (!found) return failure('not_found');
	const { survey } = found;
	const locale = (ctx.locale ?? ctx.actor?.locale ?? 'de') as Locale;
	const tf = ctx.t ?? translator(locale);
	const t: Translate = (key, params) => tf(key, params ?? {}) as string;
	const data = await loadSurveyData(ctx.db, survey.id, survey.definition);
	const levels = data.levels.map((l) => ({ key: l.key, name: l.name }));
	const areas = new Map(data.areas.map((a) => [a.id, a]));
	const table: SurveyTable = {
		title: survey.title,
		columns: surveyColumns(survey.definition, tabularLabels(t, locale, levels)),
		rows: surveyRows(survey.definition, data.responses, areas, levels)
	};
	const base = `befragung-${survey.id.slice(0, 8)}-${berlinDate(ctx.now)}`;
	let file: Omit<SurveyExportFile, 'rows'>;
	let rows = table.rows.length;
	switch (input.format) {
		case 'csv':
			file = {
				bytes: strToU8(toCsv(asExportTable('responses', survey.title, table), 'comma')),
				contentType: 'text/csv; charset=utf-8',
				fileName: `${base}.csv`
			};
			break;
		case 'xlsx': {
			const book = codebook(table);
			const codebookTable: ExportTable = {
				key: 'codebook',
				label: t('surveysResults.export.codebook'),
				columns: (['variable', 'label', 'code', 'codeLabel'] as const).map((k) => ({
					key: k,
					label: t(`surveysResults.export.codebookColumns.${k}`),
					description: t(`surveysResults.export.codebookColumns.${k}`)
				})),
				rows: book.map((b) => [b.variable, b.label, b.code, b.codeLabel]),
				geometries: null,
				suppressedCells: 0
			};
			file = {
				bytes: await toXlsx(
					[asExportTable('responses', t('surveysResults.export.responsesSheet'), table), codebookTable],
					t,
					{ title: survey.title, now: ctx.now, smallCountK: ctx.config?.smallCountK ?? 3 }
				),
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				fileName: `${base}.xlsx`
			};
			break;
		}
		case 'sav':
			file = {
				bytes: writeSav(toSpssTable(table), ctx.now),
				contentType: 'application/x-spss-sav',
				fileName: `${base}.sav`
			};
			break;
		case 'sps': {
			const spss = toSpssTable(table);
			file = {
				bytes: zipSync({
					[`${base}.sps`]: strToU8(writeSps(spss, `${base}.csv`)),
					[`${base}.csv`]: strToU8(csvForSps(spss))
				}),
				contentType: 'application/zip',
				fileName: `${base}-spss.zip`
			};
			break;
		}
		case 'geojson': {
			const mapQuestions = survey.definition.questions.filter((q) => q.type === 'map');
			const columns = [
				{ key: 'response', label: t('surveysResults.export.response'), description: '' },
				{ key: 'question', label: t('surveysResults.export.question'), description: '' },
				{ key: 'question_text', label: t('surveysResults.export.questionText'), description: '' },
				{ key: 'channel', label: t('surveysResults.export.channel'), description: '' },
				{ key: 'date', label: t('surveysResults.export.date'), description: '' },
				...levels.map((l) => ({ key: `area_${l.key}`, label: l.name, description: '' }))
			];
			const cells: (string | number | null)[][] = [];
			const geometries: GeoJSON.Geometry[] = [];
			data.responses.forEach((r, i) => {
				for (const q of mapQuestions) {
					const a = r.answers[q.key];
					if (a?.type !== 'map') continue;
					a.geometries.forEach((g, gi) => {
						// the areas of this place (an answer with several places keeps them per place)
						const ids = r.geometryAreas?.[q.key]?.[gi] ?? r.areas[q.key] ?? [];
						geometries.push(g);
						cells.push([
							i + 1,
							q.key,
							textIn(q.text, locale),
							r.channel,
							r.date,
							...levels.map(
								(l) =>
									ids
										.map((id) => areas.get(id))
										.filter((x) => x?.level === l.key)
										.map((x) => x!.key)
										.sort()
										.join(';') || null
							)
						]);
					});
				}
			});
			rows = cells.length;
			file = {
				bytes: strToU8(
					JSON.stringify(
						toGeoJson([{ key: 'map', label: '', columns, rows: cells, geometries, suppressedCells: 0 }])
					)
				),
				contentType: 'application/geo+json; charset=utf-8',
				fileName: `${base}.geojson`
			};
			break;
		}
	}
	await writeAudit(ctx.db, {
		actorId: actorUserId(ctx.actor),
		action: 'survey.export',
		subjectType: 'survey',
		subjectId: survey.id,
		at: ctx.now,
		details: { format: input.format, rows, ...(ctx.actor?.system ? { via: 'cli' } : {}) }
	});
	return ok({ ...file, rows });
}
