import { getConsultationBySlug } from '../../lib/server/consultations';
import { SYSTEM_ACTOR } from '../../lib/server/core';
import { EXPORT_FORMATS, exportConsultation, isExportFormat } from '../../lib/server/participation/exports';
import {
	CliError,
	deliverFile,
	outputPath,
	parseCommandArgs,
	requireFormat,
	withDatabase,
	type CliCommand
} from '../command';

const USAGE = 'qk export VERFAHREN --format csv|csv-semicolon|xlsx|geojson [--out DATEI]';

export const exportCommand: CliCommand = {
	name: 'export',
	summary:
		'Exportiert alle Beiträge eines Beteiligungsverfahrens (Kurzname) als CSV, CSV für Excel (Semikolon), XLSX oder GeoJSON – ohne Namen und E-Mail-Adressen; ohne --out auf die Standardausgabe.',
	usage: USAGE,
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(
			args,
			{ format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } },
			USAGE
		);
		if (positionals.length !== 1)
			throw new CliError(
				`Bitte genau ein Beteiligungsverfahren (seinen Kurznamen) angeben.\nAufruf: ${USAGE}`
			);
		const format = requireFormat(values.format, EXPORT_FORMATS, isExportFormat);
		const out = outputPath(values.out);
		const slug = positionals[0];

		return withDatabase(io.config, async ({ db }) => {
			const consultation = await getConsultationBySlug(db, slug, SYSTEM_ACTOR);
			if (!consultation) {
				const known = await db.selectFrom('consultation').select('slug').orderBy('slug').limit(20).execute();
				throw new CliError(
					`Das Beteiligungsverfahren „${slug}“ gibt es nicht. Vorhanden: ${known.map((k) => k.slug).join(', ') || 'keines'}.`
				);
			}
			const result = await exportConsultation(
				{ db, actor: SYSTEM_ACTOR, now: new Date(), locale: 'de', config: io.config },
				{ consultationId: consultation.id, format }
			);
			// The system actor may export everything; a failure here means the row vanished meanwhile.
			if (!result.ok) throw new CliError(`Das Beteiligungsverfahren „${slug}“ gibt es nicht.`);
			const file = result.value;
			const rows = Object.values(file.rowCounts).reduce((a, b) => a + b, 0);
			const summary = `${rows} Zeile(n) aus „${consultation.title}“ als ${format} exportiert`;
			await deliverFile(io, file.bytes, summary, out);
			return 0;
		});
	}
};
