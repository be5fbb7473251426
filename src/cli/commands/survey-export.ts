import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../../lib/server/core';
import { exportSurvey, isSurveyExportFormat, SURVEY_EXPORT_FORMATS } from '../../lib/server/survey-results';
import { CliError, withDatabase, writeStdout, type CliCommand } from '../command';

const USAGE = 'qk survey export ID --format csv|xlsx|sav|sps|geojson [--out DATEI]';

export const surveyExportCommand: CliCommand = {
	name: 'survey export',
	summary:
		'Exportiert die Antworten einer Befragung: CSV, XLSX mit Codebuch, SPSS (.sav; sps = Syntax + CSV als ZIP) oder GeoJSON der Kartenantworten; ohne --out auf die Standardausgabe.',
	usage: USAGE,
	async run(args, io) {
		const parse = () =>
			parseArgs({
				args,
				options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
				strict: true,
				allowPositionals: true
			});
		let parsed: ReturnType<typeof parse>;
		try {
			parsed = parse();
		} catch (e) {
			throw new CliError(`${(e as Error).message}\nAufruf: ${USAGE}`);
		}
		const { values, positionals } = parsed;
		if (positionals.length !== 1)
			throw new CliError(
				`Bitte genau eine Befragung (ihre ID, siehe qk survey list) angeben.\nAufruf: ${USAGE}`
			);
		const format = values.format ?? '';
		if (!isSurveyExportFormat(format))
			throw new CliError(
				`${values.format ? `Das Format „${values.format}“ gibt es nicht.` : 'Bitte ein Format mit --format angeben.'} Möglich: ${SURVEY_EXPORT_FORMATS.join(', ')}.`
			);
		const out = values.out ? path.resolve(values.out) : null;
		if (out && !fs.existsSync(path.dirname(out)))
			throw new CliError(`Den Ordner ${path.dirname(out)} gibt es nicht.`);
		const id = positionals[0];
		return withDatabase(io.config, async ({ db }) => {
			const result = await exportSurvey(
				{ db, actor: SYSTEM_ACTOR, now: new Date(), locale: 'de', config: io.config },
				{ surveyId: id, format }
			);
			if (!result.ok) throw new CliError(`Die Befragung „${id}“ gibt es nicht (IDs zeigt qk survey list).`);
			const file = result.value;
			const summary = `${file.rows} Zeile(n) als ${format} exportiert`;
			if (out) {
				fs.writeFileSync(out, file.bytes);
				io.out(`${summary}: ${out}`);
			} else {
				await (io.write ?? writeStdout)(file.bytes);
				io.err(`${summary}.`);
			}
			return 0;
		});
	}
};
