// qk survey list / show / import: the structure of surveys for admins' scripts (issue 9).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { getConsultationBySlug } from '../../lib/server/consultations';
import { SYSTEM_ACTOR } from '../../lib/server/core';
import { getSurvey, importLssSurvey, listSurveys, readLssFile } from '../../lib/server/surveys';
import { CliError, withDatabase, type CliCommand, type CliIO } from '../command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(args: string[], usage: string, options: Record<string, { type: 'string' | 'boolean' }>) {
	try {
		return parseArgs({ args, options, strict: true, allowPositionals: true });
	} catch (e) {
		throw new CliError(`${(e as Error).message}\nAufruf: ${usage}`);
	}
}

const LIST_USAGE = 'qk survey list [--json]';
export const surveyListCommand: CliCommand = {
	name: 'survey list',
	summary: 'Listet alle Befragungen mit Beteiligungsverfahren und Zahl der Antworten.',
	usage: LIST_USAGE,
	async run(args, io) {
		const { values, positionals } = parse(args, LIST_USAGE, { json: { type: 'boolean' } });
		if (positionals.length) throw new CliError(`Unerwartet: ${positionals.join(' ')}\nAufruf: ${LIST_USAGE}`);
		return withDatabase(io.config, async ({ db }) => {
			const list = (await listSurveys(db)).map((s) => ({
				id: s.id,
				title: s.title,
				status: s.status,
				consultation: { slug: s.consultationSlug, title: s.consultationTitle },
				responses: s.responses,
				completeResponses: s.completeResponses
			}));
			if (values.json) io.out(JSON.stringify(list, null, 2));
			else if (!list.length) io.out('Keine Befragungen.');
			else
				for (const s of list)
					io.out(`${s.id}  ${s.title}  (${s.consultation.slug}, ${s.status}, ${s.responses} Antwort(en))`);
			return 0;
		});
	}
};

const SHOW_USAGE = 'qk survey show ID [--json]';
export const surveyShowCommand: CliCommand = {
	name: 'survey show',
	summary:
		'Zeigt die Struktur einer Befragung: Fragen mit Typ, Texten je Sprache, Antwortoptionen, Bedingungen.',
	usage: SHOW_USAGE,
	async run(args, io) {
		const { values, positionals } = parse(args, SHOW_USAGE, { json: { type: 'boolean' } });
		if (positionals.length !== 1)
			throw new CliError(`Bitte genau eine Befragungs-ID angeben.\nAufruf: ${SHOW_USAGE}`);
		const id = positionals[0];
		return withDatabase(io.config, async ({ db }) => {
			const survey = UUID.test(id) ? await getSurvey(db, id) : null;
			if (!survey)
				throw new CliError(`Die Befragung „${id}“ gibt es nicht. Alle Befragungen: qk survey list`);
			const consultation = await db
				.selectFrom('consultation')
				.select(['slug', 'title'])
				.where('id', '=', survey.consultationId)
				.executeTakeFirstOrThrow();
			const structure = {
				id: survey.id,
				title: survey.title,
				status: survey.status,
				consultation,
				accessMode: survey.accessMode,
				anonymous: survey.anonymous,
				translations: survey.translations,
				questions: survey.definition.questions
			};
			if (values.json) io.out(JSON.stringify(structure, null, 2));
			else {
				io.out(`${survey.title} (${consultation.slug}, ${survey.status})`);
				for (const q of survey.definition.questions)
					io.out(
						`  ${q.key.padEnd(12)} ${q.type.padEnd(16)} ${(q.text.de ?? '').replace(/\s+/g, ' ').slice(0, 70)}${q.condition ? '  [Bedingung]' : ''}`
					);
			}
			return 0;
		});
	}
};

function printReport(
	io: CliIO,
	mapped: { key: string; from: string; to: string }[],
	notMapped: { code: string; reason: string; detail?: string }[]
) {
	io.out(`Übernommen: ${mapped.length} Frage(n)`);
	for (const m of mapped) io.out(`  ${m.key}: LimeSurvey-Typ ${m.from} → ${m.to}`);
	io.out(`Nicht oder nur teilweise übernommen: ${notMapped.length}`);
	for (const n of notMapped) io.out(`  ${n.code}: ${n.reason}${n.detail ? ` (${n.detail})` : ''}`);
}

const IMPORT_USAGE = 'qk survey import DATEI.lss --consultation KURZNAME [--json]';
export const surveyImportCommand: CliCommand = {
	name: 'survey import',
	summary:
		'Legt aus einer LimeSurvey-Struktur (.lss, LimeSurvey 3–6) eine neue Befragung (Entwurf) im Beteiligungsverfahren an; gibt ihre ID aus und was nicht übernommen wurde. Alles oder nichts.',
	usage: IMPORT_USAGE,
	async run(args, io) {
		const { values, positionals } = parse(args, IMPORT_USAGE, {
			consultation: { type: 'string' },
			json: { type: 'boolean' }
		});
		if (positionals.length !== 1)
			throw new CliError(`Bitte genau eine .lss-Datei angeben.\nAufruf: ${IMPORT_USAGE}`);
		const slug = typeof values.consultation === 'string' ? values.consultation : '';
		if (!slug)
			throw new CliError(
				`Bitte das Beteiligungsverfahren mit --consultation angeben.\nAufruf: ${IMPORT_USAGE}`
			);
		const file = positionals[0];
		let bytes: Uint8Array;
		try {
			bytes = fs.readFileSync(file);
		} catch {
			throw new CliError(`Die Datei ${file} lässt sich nicht lesen.`);
		}
		const read = readLssFile(bytes);
		if (!read.ok)
			throw new CliError(
				`${file} ist keine lesbare LimeSurvey-Struktur (${read.error}). Nichts wurde angelegt.`
			);
		return withDatabase(io.config, async ({ db }) => {
			const consultation = await getConsultationBySlug(db, slug, SYSTEM_ACTOR);
			if (!consultation)
				throw new CliError(`Das Beteiligungsverfahren „${slug}“ gibt es nicht. Nichts wurde angelegt.`);
			const result = await importLssSurvey(
				{ db, actor: SYSTEM_ACTOR, now: new Date(), locale: 'de', config: io.config },
				consultation.id,
				read.value
			);
			if (!result.ok)
				throw new CliError(`Der Import ist fehlgeschlagen (${result.code}). Nichts wurde angelegt.`);
			const v = read.value;
			if (values.json)
				io.out(
					JSON.stringify(
						{
							id: result.value.id,
							title: v.title,
							languages: v.languages,
							groups: v.groups,
							mapped: v.mapped,
							notMapped: v.notMapped
						},
						null,
						2
					)
				);
			else {
				io.out(result.value.id);
				io.out(
					`Befragung „${v.title}“ angelegt (Entwurf) in „${consultation.title}“; Sprachen: ${v.languages.join(', ')}.`
				);
				printReport(io, v.mapped, v.notMapped);
			}
			return 0;
		});
	}
};
