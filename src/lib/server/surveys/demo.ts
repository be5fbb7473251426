// Demo surveys (data only): a completed resident survey ("Bewohnerbefragung Lebensqualität 2026",
// closed, a few hundred responses across areas and channels) in the first demo consultation and a
// running survey, a door-to-door survey with codes and a photo campaign (file question) in the second.
// Deterministic; the results helper publishes results on top.
import type { Kysely } from 'kysely';
import { mulberry32, type Random } from '../../geo/random';
import {
	questionnaireDefinition,
	type Answers,
	type QuestionnaireDefinition
} from '../../questionnaire/definition';
import type { DB } from '../db/types';
import { DEMO_CONSULTATION_SLUGS } from '../demo/consultations';

export const DEMO_SURVEY_SEED = 20261202;
export const DEMO_RESIDENT_RESPONSES = 360;

const o = (code: string, de: string, en: string) => ({ code, label: { de, en } });

function residentDefinition(level: string): QuestionnaireDefinition {
	return questionnaireDefinition.parse({
		version: 1,
		questions: [
			{
				key: 'WOHNORT',
				type: 'area',
				level,
				map: false,
				required: true,
				text: { de: 'In welchem Quartier wohnen Sie?', en: 'Which neighbourhood do you live in?' }
			},
			{
				key: 'ZUFRIEDEN',
				type: 'scale',
				min: 1,
				max: 5,
				required: true,
				noAnswer: true,
				minLabel: { de: 'gar nicht zufrieden', en: 'not at all satisfied' },
				maxLabel: { de: 'sehr zufrieden', en: 'very satisfied' },
				text: {
					de: 'Wie zufrieden sind Sie mit Ihrem Wohnumfeld?',
					en: 'How satisfied are you with where you live?'
				}
			},
			{
				key: 'FEHLT',
				type: 'multiple_choice',
				max: 3,
				other: true,
				text: {
					de: 'Was fehlt in Ihrem Quartier? (bis zu drei)',
					en: 'What is missing in your neighbourhood? (up to three)'
				},
				options: [
					o('GRUEN', 'Grünflächen', 'Green spaces'),
					o('SPIEL', 'Spielplätze', 'Playgrounds'),
					o('TREFF', 'Treffpunkte', 'Meeting places'),
					o('EINK', 'Einkaufsmöglichkeiten', 'Shops'),
					o('ARZT', 'Ärztliche Versorgung', 'Doctors'),
					o('OEPNV', 'Bus und Bahn', 'Public transport')
				]
			},
			{ key: 'S2', type: 'page_break', text: { de: 'Über Sie', en: 'About you' } },
			{
				key: 'ALTER',
				type: 'single_choice',
				display: 'radio',
				text: { de: 'Wie alt sind Sie?', en: 'How old are you?' },
				options: [
					o('1', 'unter 18', 'under 18'),
					o('2', '18 bis 39', '18 to 39'),
					o('3', '40 bis 64', '40 to 64'),
					o('4', '65 und älter', '65 and over')
				]
			},
			{
				key: 'KINDER',
				type: 'yes_no',
				text: { de: 'Leben Kinder in Ihrem Haushalt?', en: 'Do children live in your household?' }
			},
			{
				key: 'WUNSCH',
				type: 'long_text',
				maxLength: 2000,
				text: {
					de: 'Was wünschen Sie sich für Ihr Quartier?',
					en: 'What do you wish for your neighbourhood?'
				}
			}
		]
	});
}

function runningDefinition(level: string): QuestionnaireDefinition {
	return questionnaireDefinition.parse({
		version: 1,
		questions: [
			{
				key: 'WOHNORT',
				type: 'area',
				level,
				map: false,
				required: true,
				text: { de: 'Wo wohnen Sie?', en: 'Where do you live?' }
			},
			{
				key: 'WEGE',
				type: 'single_choice',
				display: 'radio',
				required: true,
				other: true,
				text: { de: 'Wie sind Sie meistens unterwegs?', en: 'How do you usually get around?' },
				options: [
					o('FUSS', 'zu Fuß', 'on foot'),
					o('RAD', 'mit dem Rad', 'by bike'),
					o('OEPNV', 'mit Bus und Bahn', 'by bus and train'),
					o('AUTO', 'mit dem Auto', 'by car')
				]
			},
			{
				key: 'RADWARUM',
				type: 'short_text',
				condition: {
					combinator: 'or',
					clauses: [
						{ question: 'WEGE', op: 'equals', value: 'AUTO' },
						{ question: 'WEGE', op: 'equals', value: 'OEPNV' }
					]
				},
				text: {
					de: 'Was müsste sich ändern, damit Sie öfter Rad fahren?',
					en: 'What would have to change for you to cycle more often?'
				}
			},
			{ key: 'S2', type: 'page_break', text: { de: 'Grüne Wege', en: 'Green routes' } },
			{
				key: 'BEWERTUNG',
				type: 'matrix',
				text: {
					de: 'Wie bewerten Sie die Wege in Ihrem Quartier?',
					en: 'How do you rate the routes in your neighbourhood?'
				},
				rows: [
					o('SICHER', 'Sicherheit', 'Safety'),
					o('SCHATTEN', 'Schatten', 'Shade'),
					o('SAUBER', 'Sauberkeit', 'Cleanliness')
				],
				columns: [o('1', 'gut', 'good'), o('2', 'mittel', 'fair'), o('3', 'schlecht', 'poor')]
			},
			{
				key: 'WICHTIG',
				type: 'ranking',
				places: 2,
				text: {
					de: 'Was ist Ihnen am wichtigsten? ({{WEGE}} unterwegs)',
					en: 'What matters most to you? (getting around {{WEGE}})'
				},
				options: [
					o('BAUM', 'mehr Bäume', 'more trees'),
					o('LICHT', 'bessere Beleuchtung', 'better lighting'),
					o('BANK', 'Sitzbänke', 'benches')
				]
			},
			{
				key: 'WEGORT',
				type: 'map',
				geometry: ['point', 'line'],
				maxFeatures: 3,
				text: {
					de: 'Wo fehlt ein sicherer oder schattiger Weg?',
					en: 'Where is a safe or shady route missing?'
				}
			}
		]
	});
}

function pick<T>(random: Random, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

const WISHES = [
	'Mehr Bänke im Schatten.',
	'Ein Café als Treffpunkt.',
	'Sichere Wege für Kinder.',
	'Weniger Autoverkehr.',
	'Einen Bolzplatz.',
	''
];
const CHANNELS = [
	'online',
	'online',
	'online',
	'online',
	'online',
	'paper',
	'paper',
	'interview',
	'workshop',
	'phone'
] as const;

export async function insertDemoSurveys(trx: Kysely<DB>, now: Date): Promise<void> {
	const consultations = await trx
		.selectFrom('consultation')
		.select(['id', 'slug', 'modules', 'created_by'])
		.where('slug', 'in', [...DEMO_CONSULTATION_SLUGS])
		.execute();
	const bySlug = new Map(consultations.map((c) => [c.slug, c]));
	const first = bySlug.get(DEMO_CONSULTATION_SLUGS[0]);
	const second = bySlug.get(DEMO_CONSULTATION_SLUGS[1]);
	if (!first || !second) return;
	// The deepest area level of the demo city (its Quartiere) is what residents answer with.
	const areas = await trx
		.selectFrom('area')
		.innerJoin('area_level', 'area_level.id', 'area.level_id')
		.select(['area.id', 'area.parent_id', 'area_level.key as level_key', 'area_level.rank'])
		.where('area.valid_to', 'is', null)
		.where('area.is_demo', '=', true)
		.execute();
	if (areas.length === 0) return;
	const maxRank = Math.max(...areas.map((a) => a.rank));
	const leaves = areas.filter((a) => a.rank === maxRank).sort((x, y) => x.id.localeCompare(y.id));
	const level = leaves[0].level_key;
	const parent = new Map(areas.map((a) => [a.id, a.parent_id]));
	const withAncestors = (id: string) => {
		const out: string[] = [];
		for (let cur: string | null | undefined = id; cur && out.length < 32; cur = parent.get(cur))
			out.push(cur);
		return out;
	};
	for (const c of [first, second])
		if (!c.modules.includes('surveys'))
			await trx
				.updateTable('consultation')
				.set({ modules: [...c.modules, 'surveys'] })
				.where('id', '=', c.id)
				.execute();

	const random = mulberry32(DEMO_SURVEY_SEED);
	const create = async (
		consultationId: string,
		createdBy: string | null,
		s: {
			title: string;
			intro: string;
			introEasy: string;
			status: string;
			def: QuestionnaireDefinition;
			translations: object;
			accessMode?: string;
		}
	) => {
		const q = await trx
			.insertInto('questionnaire')
			.values({ definition: JSON.stringify(s.def) })
			.returning('id')
			.executeTakeFirstOrThrow();
		return (
			await trx
				.insertInto('survey')
				.values({
					consultation_id: consultationId,
					questionnaire_id: q.id,
					title: s.title,
					intro: s.intro,
					intro_easy: s.introEasy,
					translations: JSON.stringify(s.translations),
					access_mode: s.accessMode ?? 'anyone',
					anonymous: true,
					layout: 'pages',
					status: s.status,
					created_by: createdBy,
					is_demo: true
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	};
	const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

	const residentId = await create(first.id, first.created_by, {
		title: 'Bewohnerbefragung Lebensqualität 2026',
		intro:
			'Wie lebt es sich in Ihrem Quartier? Ihre Antworten helfen der Stadt, Angebote dort zu verbessern, wo sie fehlen.',
		introEasy:
			'Wir fragen Sie: Wie gefällt Ihnen Ihr Wohn-Ort? Ihre Antworten sind wichtig. Sie helfen der Stadt.',
		status: 'closed',
		def: residentDefinition(level),
		translations: {
			en: {
				title: 'Resident survey on quality of life 2026',
				intro:
					'How is life in your neighbourhood? Your answers help the city improve services where they are missing.'
			}
		}
	});
	const runningId = await create(second.id, second.created_by, {
		title: 'Unterwegs in Musterstadt',
		intro: 'Wie kommen Sie durch Ihr Quartier? Die Befragung dauert etwa drei Minuten.',
		introEasy: '',
		status: 'open',
		def: runningDefinition(level),
		translations: {}
	});

	// Door to door ("aktivierende Befragung"): interviewers hand out one-time codes (generated on the
	// survey's management page); no responses yet.
	await create(second.id, second.created_by, {
		title: 'Aktivierende Befragung: Nachbarschaft im Quartier',
		intro: 'Sie haben einen Code an der Haustür bekommen. Mit ihm können Sie einmal teilnehmen.',
		introEasy: '',
		status: 'open',
		accessMode: 'code',
		def: questionnaireDefinition.parse({
			version: 1,
			questions: [
				{
					key: 'WOHNORT',
					type: 'area',
					level,
					map: false,
					required: true,
					text: { de: 'Wo wohnen Sie?', en: 'Where do you live?' }
				},
				{
					key: 'NACHBARN',
					type: 'yes_no',
					required: true,
					text: { de: 'Kennen Sie Ihre Nachbarinnen und Nachbarn?', en: 'Do you know your neighbours?' }
				},
				{
					key: 'IDEE',
					type: 'long_text',
					text: {
						de: 'Was würden Sie gern gemeinsam anpacken?',
						en: 'What would you like to tackle together?'
					}
				}
			]
		}),
		translations: {}
	});

	// A photo campaign with a file question (issue 9): residents send pictures of their favourite spot;
	// images lose their metadata, the files are seen by the organisers only. No responses yet.
	await create(second.id, second.created_by, {
		title: 'Fotoaktion: Ihr Lieblingsort an den grünen Wegen',
		intro: 'Zeigen Sie uns Ihren Lieblingsort – mit ein paar Worten und, wenn Sie mögen, einem Foto.',
		introEasy: '',
		status: 'open',
		def: questionnaireDefinition.parse({
			version: 1,
			questions: [
				{
					key: 'ORT',
					type: 'short_text',
					required: true,
					text: { de: 'Welcher Ort ist es?', en: 'Which place is it?' }
				},
				{
					key: 'FOTO',
					type: 'file',
					accept: ['image'],
					maxBytes: 5_000_000,
					maxFiles: 2,
					text: { de: 'Ihr Foto vom Ort', en: 'Your photo of the place' },
					help: {
						de: 'Bitte keine Personen erkennbar fotografieren.',
						en: 'Please do not photograph recognisable people.'
					}
				}
			]
		}),
		translations: {}
	});

	const responses: {
		survey_id: string;
		channel: string;
		answered_on: string;
		complete: boolean;
		answers: string;
		is_demo: boolean;
		id: string;
	}[] = [];
	const areaRows: { response_id: string; question_key: string; area_id: string }[] = [];
	const uuid = () => {
		const h = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
		h[12] = '4';
		h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
		const s = h.join('');
		return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
	};
	const add = (
		surveyId: string,
		count: number,
		answersFor: (area: string) => Answers,
		daysBack: [number, number]
	) => {
		for (let i = 0; i < count; i++) {
			// uneven reach: the first quarters answer more often
			const area = leaves[Math.floor(Math.pow(random(), 1.6) * leaves.length)].id;
			const id = uuid();
			const answers = answersFor(area);
			responses.push({
				id,
				survey_id: surveyId,
				channel: pick(random, CHANNELS),
				answered_on: day(daysBack[0] + Math.floor(random() * (daysBack[1] - daysBack[0]))),
				complete: true,
				answers: JSON.stringify(answers),
				is_demo: true
			});
			for (const a of withAncestors(area))
				areaRows.push({ response_id: id, question_key: 'WOHNORT', area_id: a });
		}
	};
	add(
		residentId,
		DEMO_RESIDENT_RESPONSES,
		(area) => {
			const fehlt = ['GRUEN', 'SPIEL', 'TREFF', 'EINK', 'ARZT', 'OEPNV']
				.filter(() => random() < 0.3)
				.slice(0, 3);
			const wish = pick(random, WISHES);
			const answers: Answers = {
				WOHNORT: { type: 'area', areaId: area },
				ZUFRIEDEN: { type: 'scale', value: random() < 0.05 ? null : 1 + Math.floor(random() * 5) },
				ALTER: { type: 'single_choice', choice: String(1 + Math.floor(random() * 4)) },
				KINDER: { type: 'yes_no', yes: random() < 0.35 }
			};
			if (fehlt.length) answers.FEHLT = { type: 'multiple_choice', choices: fehlt };
			if (wish) answers.WUNSCH = { type: 'long_text', text: wish };
			return answers;
		},
		[60, 120]
	);
	add(
		runningId,
		24,
		(area) => {
			const wege = pick(random, ['FUSS', 'RAD', 'OEPNV', 'AUTO']);
			const answers: Answers = {
				WOHNORT: { type: 'area', areaId: area },
				WEGE: { type: 'single_choice', choice: wege },
				BEWERTUNG: {
					type: 'matrix',
					rows: {
						SICHER: pick(random, ['1', '2', '3']),
						SCHATTEN: pick(random, ['1', '2', '3']),
						SAUBER: pick(random, ['1', '2', '3'])
					}
				},
				WICHTIG: { type: 'ranking', order: random() < 0.5 ? ['BAUM', 'LICHT'] : ['LICHT', 'BANK'] }
			};
			if (wege === 'AUTO' || wege === 'OEPNV')
				answers.RADWARUM = { type: 'short_text', text: 'Sichere Radwege' };
			return answers;
		},
		[0, 14]
	);
	// Sorted by id: insertion order says nothing (as for real responses, which get random ids).
	responses.sort((x, y) => x.id.localeCompare(y.id));
	for (let i = 0; i < responses.length; i += 200)
		await trx
			.insertInto('survey_response')
			.values(responses.slice(i, i + 200))
			.execute();
	for (let i = 0; i < areaRows.length; i += 500)
		await trx
			.insertInto('survey_response_area')
			.values(areaRows.slice(i, i + 500))
			.onConflict((oc) => oc.doNothing())
			.execute();
}

export async function deleteDemoSurveys(trx: Kysely<DB>): Promise<void> {
	const surveys = await trx
		.selectFrom('survey')
		.select('questionnaire_id')
		.where('is_demo', '=', true)
		.execute();
	await trx.deleteFrom('survey').where('is_demo', '=', true).execute();
	if (surveys.length)
		await trx
			.deleteFrom('questionnaire')
			.where(
				'id',
				'in',
				surveys.map((s) => s.questionnaire_id)
			)
			.execute();
}
