import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getConsultationBySlug } from '../../lib/server/consultations';
import { SYSTEM_ACTOR } from '../../lib/server/core';
import { EXPORT_FORMATS, exportConsultation, isExportFormat } from '../../lib/server/participation/exports';
import { CliError, withDatabase, writeStdout, type CliCommand } from '../command';

const USAGE = 'qk export VERFAHREN --format csv|csv-semicolon|xlsx|geojson [--out DATEI]';

export const exportCommand: CliCommand = {
	name: 'export',
	summary:
		'Exportiert alle Beiträge eines Beteiligungsverfahrens (Kurzname) als CSV, CSV für Excel (Semikolon), XLSX oder GeoJSON – ohne Namen und E-Mail-Adressen; ohne --out auf die Standardausgabe.',
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
				`Bitte genau ein Beteiligungsverfahren (seinen Kurznamen) angeben.\nAufruf: ${USAGE}`
			);
		const format = values.format ?? '';
		if (!isExportFormat(format))
			throw new CliError(
				`${values.format ? `Das Format „${values.format}“ gibt es nicht.` : 'Bitte ein Format mit --format angeben.'} Möglich: ${EXPORT_FORMATS.join(', ')}.`
			);
		const out = values.out ? path.resolve(values.out) : null;
		if (out && !fs.existsSync(path.dirname(out)))
			throw new CliError(`Den Ordner ${path.dirname(out)} gibt es nicht.`);
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
			if (out) {
				fs.writeFileSync(out, file.bytes);
				io.out(`${summary}: ${out}`);
			} else {
				// stdout carries the file; the summary goes to stderr.
				await (io.write ?? writeStdout)(file.bytes);
				io.err(`${summary}.`);
			}
			return 0;
		});
	}
};
