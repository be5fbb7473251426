// The registration questions an organiser can switch on: childcare needed (yes/no), language (single
// choice), accessibility needs (long text), area of residence (area question). Stored per event as a
// QuestionnaireDefinition; answers as the engine's Answers.
import { questionnaireDefinition, type QuestionnaireDefinition } from '../../questionnaire';

export const RESIDENCE_KEY = 'wohngebiet';

export function defaultRegistrationQuestions(levelKey = 'stadtteil'): QuestionnaireDefinition {
	return questionnaireDefinition.parse({
		version: 1,
		questions: [
			{
				key: 'kinderbetreuung',
				type: 'yes_no',
				text: { de: 'Brauchen Sie Kinderbetreuung?', en: 'Do you need childcare?' }
			},
			{
				key: 'sprache',
				type: 'single_choice',
				text: {
					de: 'In welcher Sprache möchten Sie teilnehmen?',
					en: 'In which language would you like to take part?'
				},
				options: [
					{ code: 'de', label: { de: 'Deutsch', en: 'German' } },
					{ code: 'en', label: { de: 'Englisch', en: 'English' } },
					{ code: 'tr', label: { de: 'Türkisch', en: 'Turkish' } },
					{ code: 'ar', label: { de: 'Arabisch', en: 'Arabic' } },
					{ code: 'uk', label: { de: 'Ukrainisch', en: 'Ukrainian' } },
					{ code: 'ru', label: { de: 'Russisch', en: 'Russian' } }
				]
			},
			{
				key: 'barrierefreiheit',
				type: 'long_text',
				maxLength: 1000,
				text: {
					de: 'Was brauchen Sie, um gut teilnehmen zu können?',
					en: 'What do you need to take part well?'
				}
			},
			{
				key: RESIDENCE_KEY,
				type: 'area',
				level: levelKey,
				map: false,
				text: { de: 'In welchem Stadtteil wohnen Sie?', en: 'Which district do you live in?' }
			}
		]
	});
}
