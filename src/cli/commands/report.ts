import { getConsultationBySlug } from '../../lib/server/consultations';
import { SYSTEM_ACTOR } from '../../lib/server/core';
import {
	composeReport,
	getReportDefinition,
	isReportFormat,
	renderReport,
	REPORT_FORMATS,
	runReportDefinition
} from '../../lib/server/reports';
import { isLocale } from '../../lib/i18n';
import {
	CliError,
	deliverFile,
	outputPath,
	parseCommandArgs,
	requireFormat,
	withDatabase,
	type CliCommand
} from '../command';

const USAGE =
	'qk report --areas KEY,KEY [--level EBENE] [--consultation KURZNAME] [--definition ID] [--title TITEL] [--language de|en|tr|ar|uk|ru] --format docx|pdf|xlsx [--out DATEI]';

export const reportCommand: CliCommand = {
	name: 'report',
	summary:
		'Erstellt einen Bericht (Sozialraumprofile, Beteiligung, Themen, Ideen, Maßnahmen, Methodenanhang) als DOCX, PDF oder XLSX – für Gebiete (Schlüssel) oder eine gespeicherte Berichtsdefinition; ohne Namen und E-Mail-Adressen, kleine Zahlen geschützt.',
	usage: USAGE,
	async run(args, io) {
		const { values } = parseCommandArgs(
			args,
			{
				areas: { type: 'string', short: 'a' },
				level: { type: 'string' },
				consultation: { type: 'string', short: 'c' },
				definition: { type: 'string', short: 'd' },
				title: { type: 'string', short: 't' },
				language: { type: 'string', short: 'l' },
				format: { type: 'string', short: 'f' },
				out: { type: 'string', short: 'o' }
			},
			USAGE,
			false
		);
		const format = requireFormat(values.format, REPORT_FORMATS, isReportFormat);
		if (!values.definition && !values.areas)
			throw new CliError(
				`Bitte Gebiete mit --areas KEY,KEY oder eine Definition mit --definition ID angeben.\nAufruf: ${USAGE}`
			);
		// a saved definition brings its own areas, consultations, title and language: refuse rather than ignore
		const beside = (['areas', 'level', 'consultation', 'title', 'language'] as const).filter(
			(o) => values.definition && values[o] !== undefined
		);
		if (beside.length)
			throw new CliError(
				`--definition bringt Gebiete, Verfahren, Titel und Sprache selbst mit; ${beside.map((o) => `--${o}`).join(', ')} ${beside.length === 1 ? 'passt' : 'passen'} nicht dazu. Ändern Sie die Auswahl in der Berichtsdefinition (Planung → Berichte) oder lassen Sie --definition weg.\nAufruf: ${USAGE}`
			);
		const language = values.language ?? 'de';
		if (!isLocale(language))
			throw new CliError(`Die Sprache „${language}“ gibt es nicht. Möglich: de, en, tr, ar, uk, ru.`);
		const out = outputPath(values.out);

		return withDatabase(io.config, async ({ db }) => {
			const ctx = { db, actor: SYSTEM_ACTOR, now: new Date(), locale: language, config: io.config };
			let file;
			if (values.definition) {
				const def = await getReportDefinition(ctx, values.definition);
				if (!def) throw new CliError(`Die Berichtsdefinition „${values.definition}“ gibt es nicht.`);
				const r = await runReportDefinition(ctx, def.id, format);
				if (!r.ok) throw new CliError(`Die Berichtsdefinition „${values.definition}“ gibt es nicht.`);
				file = r.value;
			} else {
				const keys = values
					.areas!.split(',')
					.map((k) => k.trim())
					.filter(Boolean);
				const rows = await db
					.selectFrom('area')
					.innerJoin('area_level', 'area_level.id', 'area.level_id')
					.select(['area.id', 'area.key', 'area_level.key as level_key'])
					.where('area.key', 'in', keys)
					.where('area.valid_to', 'is', null)
					.$if(!!values.level, (q) => q.where('area_level.key', '=', values.level!))
					.orderBy('area_level.rank')
					.execute();
				const missing = keys.filter((k) => !rows.some((r) => r.key === k));
				if (missing.length)
					throw new CliError(`Diese Gebietsschlüssel gibt es nicht: ${missing.join(', ')}.`);
				// a key used on several levels: the first (highest) level unless --level says otherwise
				const ids = keys.map((k) => rows.find((r) => r.key === k)!.id);
				let consultationIds: string[] = [];
				if (values.consultation) {
					const c = await getConsultationBySlug(db, values.consultation, SYSTEM_ACTOR);
					if (!c) throw new CliError(`Das Beteiligungsverfahren „${values.consultation}“ gibt es nicht.`);
					consultationIds = [c.id];
				}
				const doc = await composeReport(ctx, {
					title: values.title ?? 'Sozialraumbericht',
					areaIds: ids,
					indicatorKeys: [],
					consultationIds,
					themeIds: [],
					locale: language
				});
				file = await renderReport(doc, format);
			}
			await deliverFile(io, file.bytes, `Bericht als ${format} geschrieben`, out);
			return 0;
		});
	}
};
