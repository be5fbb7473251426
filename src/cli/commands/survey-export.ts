import { SYSTEM_ACTOR } from '../../lib/server/core';
import { exportSurvey, isSurveyExportFormat, SURVEY_EXPORT_FORMATS } from '../../lib/server/survey-results';
import {
	CliError,
	deliverFile,
	outputPath,
	parseCommandArgs,
	requireFormat,
	withDatabase,
	type CliCommand
} from '../command';

const USAGE = 'qk survey export ID --format csv|xlsx|sav|sps|geojson [--out DATEI]';

export const surveyExportCommand: CliCommand = {
	name: 'survey export',
	summary:
		'Exportiert die Antworten einer Befragung: CSV, XLSX mit Codebuch, SPSS (.sav; sps = Syntax + CSV als ZIP) oder GeoJSON der Kartenantworten; ohne --out auf die Standardausgabe.',
	usage: USAGE,
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(
			args,
			{ format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
			USAGE
		);
		if (positionals.length !== 1)
			throw new CliError(
				`Bitte genau eine Befragung (ihre ID, siehe qk survey list) angeben.\nAufruf: ${USAGE}`
			);
		const format = requireFormat(values.format, SURVEY_EXPORT_FORMATS, isSurveyExportFormat);
		const out = outputPath(values.out);
		const id = positionals[0];
		return withDatabase(io.config, async ({ db }) => {
			const result = await exportSurvey(
				{ db, actor: SYSTEM_ACTOR, now: new Date(), locale: 'de', config: io.config },
				{ surveyId: id, format }
			);
			if (!result.ok) throw new CliError(`Die Befragung „${id}“ gibt es nicht (IDs zeigt qk survey list).`);
			const file = result.value;
			const summary = `${file.rows} Zeile(n) als ${format} exportiert`;
			await deliverFile(io, file.bytes, summary, out);
			return 0;
		});
	}
};
