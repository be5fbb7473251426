// The surveys' free-text inputs for the XSS suite: what a manager writes (title, intro, an English
// translation of both, question and help texts, option, matrix row and column, scale end labels and a
// unit) and what a resident answers (a free text, "Sonstiges" of a single and a multiple choice),
// shown on the survey pages, the results page and the published results.
import { randomUUID } from 'node:crypto';
import { questionnaireDefinition } from '../../questionnaire/definition';
import type { TextInputsHook } from '../participation/component';
import { publishSurveyResults } from '../survey-results/publish';
import { loadSurveyForRespondent, saveResponsePage, startResponse } from './answer';
import { createSurvey, saveQuestionnaireDefinition, saveSurveyTranslation, setSurveyStatus } from './manage';
import { GenerateCodesInput, StaffEntryFields, SurveySettingsInput, SurveyTranslationInput } from './schemas';

const DATE = 'a date or time, parsed as one';
const CODE = 'a key or code matched against the definition (pattern-checked)';

export const surveyTextInputs: TextInputsHook = {
	schemas: {
		SurveySettingsInput,
		SurveyTranslationInput,
		GenerateCodesInput,
		StaffEntryFields,
		questionnaireDefinition
	},
	fields: [
		'SurveySettingsInput.title',
		'SurveySettingsInput.intro',
		'SurveySettingsInput.introEasy',
		'SurveyTranslationInput.title',
		'SurveyTranslationInput.intro',
		'questionnaireDefinition.questions[].text.*',
		'questionnaireDefinition.questions[].help.*',
		'questionnaireDefinition.questions[].options[].label.*',
		'questionnaireDefinition.questions[].rows[].label.*',
		'questionnaireDefinition.questions[].columns[].label.*',
		'questionnaireDefinition.questions[].minLabel.*',
		'questionnaireDefinition.questions[].maxLabel.*',
		'questionnaireDefinition.questions[].unit.*'
	],
	notText: {
		'SurveySettingsInput.areaId': 'an area id chosen from a list',
		'SurveySettingsInput.opensAt': DATE,
		'SurveySettingsInput.closesAt': DATE,
		'StaffEntryFields.answeredOn': DATE,
		'questionnaireDefinition.questions[].key': CODE,
		'questionnaireDefinition.questions[].options[].code': CODE,
		'questionnaireDefinition.questions[].rows[].code': CODE,
		'questionnaireDefinition.questions[].columns[].code': CODE,
		'questionnaireDefinition.questions[].condition.clauses[].question': CODE,
		'questionnaireDefinition.questions[].condition.clauses[].value': 'compared with answers, never shown',
		'questionnaireDefinition.questions[].level': 'an area level chosen from a list',
		'questionnaireDefinition.questions[].min': DATE,
		'questionnaireDefinition.questions[].max': DATE
	},
	otherFields: ['answer.text', 'answer.other (Sonstiges)'],
	async create(ctx, consultation, text) {
		const staff = { ...ctx, actor: ctx.staff };
		const de = { de: text };
		const created = await createSurvey(staff, consultation.id, {
			title: text.slice(0, 200),
			intro: text,
			introEasy: text,
			accessMode: 'anyone'
		});
		if (!created.ok) throw new Error(`survey not created: ${created.code} ${JSON.stringify(created.errors)}`);
		const id = created.value.id;
		const translated = await saveSurveyTranslation(staff, id, {
			language: 'en',
			title: text.slice(0, 200),
			intro: text
		});
		if (!translated.ok) throw new Error(`translation not saved: ${translated.code}`);
		const options = [
			{ code: '1', label: de },
			{ code: '2', label: { de: 'zwei' } }
		];
		const saved = await saveQuestionnaireDefinition(staff, id, {
			version: 1,
			questions: [
				{ key: 'HINWEIS', type: 'info', text: de },
				{ key: 'WAHL', type: 'single_choice', display: 'radio', other: true, text: de, help: de, options },
				{ key: 'MEHR', type: 'multiple_choice', other: true, text: de, options },
				{ key: 'WARUM', type: 'long_text', text: de, help: de },
				{ key: 'NOTE', type: 'scale', text: de, minLabel: de, maxLabel: de },
				{ key: 'WEG', type: 'number', text: de, unit: de },
				{ key: 'LAGE', type: 'matrix', text: de, rows: options, columns: options }
			]
		});
		if (!saved.ok) throw new Error(`questions not saved: ${JSON.stringify(saved.errors)}`);
		const opened = await setSurveyStatus(staff, id, 'open');
		if (!opened.ok) throw new Error(`survey not opened: ${opened.code}`);

		const found = await loadSurveyForRespondent(ctx, consultation.slug, id);
		if (!found) throw new Error('survey not found for the respondent');
		const who = { browserToken: randomUUID() };
		const started = await startResponse(ctx, found, who);
		if (!started.ok) throw new Error(`response not started: ${started.code}`);
		const form = new FormData();
		form.set('q.WAHL', '_other');
		form.set('q.WAHL._other', text);
		form.append('q.MEHR', '1');
		form.append('q.MEHR', '_other');
		form.set('q.MEHR._other', text);
		form.set('q.WARUM', text);
		const answered = await saveResponsePage(
			ctx,
			found,
			{ ...who, resumeToken: started.value.resumeToken },
			{ page: 0, direction: 'next', form }
		);
		if (!answered.ok || answered.value.kind !== 'complete')
			throw new Error(`answers not saved: ${JSON.stringify(answered)}`);
		const published = await publishSurveyResults(staff, id, {
			questions: ['WAHL', 'MEHR'],
			levels: [],
			reach: false
		});
		if (!published.ok) throw new Error(`results not published: ${published.code}`);

		const base = `/beteiligung/${consultation.slug}`;
		return {
			itemType: null,
			id,
			// `?lang=en`: the English translation of title and intro
			paths: [`${base}/befragung/${id}`, `${base}/befragung/${id}?lang=en`, `${base}/befragung`, base],
			staffPaths: [
				`${base}/befragung/${id}/ergebnisse`,
				`${base}/befragung/${id}/verwalten`,
				`${base}/befragung/${id}/bearbeiten`
			]
		};
	}
};
