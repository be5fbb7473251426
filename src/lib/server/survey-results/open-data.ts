// Open data: published survey results only (chosen questions and breakdowns), protected. No raw
// responses, no free texts, no map answers.
import type { OpenDataEndpoint } from '../participation/component';

const count = { type: ['integer', 'null'], description: 'null = weniger als k (geheim gehalten)' };

export const surveyResultsOpenData: OpenDataEndpoint[] = [
	{
		path: '/api/v1/surveys',
		operationId: 'listPublishedSurveys',
		summary: 'Befragungen mit veröffentlichten Ergebnissen',
		description:
			'Alle Befragungen öffentlicher Beteiligungsverfahren, deren Ergebnisse das Team veröffentlicht hat, ' +
			'mit Kennung, Titel, Verfahren, Gebiet (bei einer Befragung für ein Gebiet, z. B. einer ' +
			'aufsuchenden Befragung) und Zeitpunkt der Veröffentlichung.',
		parameters: [
			{
				name: 'consultation',
				description: 'Kurzname (slug) eines Beteiligungsverfahrens.',
				schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 200 }
			}
		],
		contentType: 'application/json',
		responseSchema: {
			type: 'object',
			required: ['surveys'],
			properties: {
				surveys: {
					type: 'array',
					items: {
						type: 'object',
						required: ['id', 'title', 'consultation', 'publishedAt'],
						properties: {
							id: { type: 'string', format: 'uuid' },
							title: { type: 'string' },
							consultation: { type: 'string' },
							area: {
								type: ['string', 'null'],
								description: 'Schlüssel des Gebiets, an das die Befragung gebunden ist; null: keins'
							},
							publishedAt: { type: 'string', format: 'date-time' }
						}
					}
				}
			}
		}
	},
	{
		path: '/api/v1/surveys/{id}',
		operationId: 'getPublishedSurveyResults',
		summary: 'Veröffentlichte Ergebnisse einer Befragung',
		description:
			'Nur die veröffentlichten Fragen (Zählungen je Antwort) und Aufschlüsselungen nach Gebieten. ' +
			'Zahlen von 1 bis k−1 und so viele weitere, dass sie sich nicht zurückrechnen lassen, sind null. ' +
			'Freitexte und Kartenangaben werden nie veröffentlicht. 404, wenn nichts veröffentlicht ist.',
		parameters: [
			{
				name: 'id',
				in: 'path',
				description: 'Kennung der Befragung.',
				schema: { type: 'string', format: 'uuid' }
			}
		],
		contentType: 'application/json',
		responseSchema: {
			type: 'object',
			required: ['surveyId', 'title', 'total', 'minCount', 'questions', 'reach'],
			properties: {
				surveyId: { type: 'string', format: 'uuid' },
				title: { type: 'string' },
				publishedAt: { type: 'string', format: 'date-time' },
				total: count,
				minCount: { type: 'integer' },
				questions: {
					type: 'array',
					items: {
						type: 'object',
						required: ['key', 'text', 'options', 'breakdowns'],
						properties: {
							key: { type: 'string' },
							type: { type: 'string' },
							text: { type: 'string' },
							n: count,
							mean: { type: ['number', 'null'] },
							options: {
								type: 'array',
								items: {
									type: 'object',
									properties: { code: { type: 'string' }, label: { type: 'string' }, count }
								}
							},
							breakdowns: {
								type: 'array',
								items: {
									type: 'object',
									properties: {
										level: { type: 'string' },
										rows: {
											type: 'array',
											items: {
												type: 'object',
												properties: {
													key: { type: 'string' },
													name: { type: 'string' },
													n: count,
													counts: { type: 'array', items: count }
												}
											}
										}
									}
								}
							}
						}
					}
				},
				reach: { type: 'array' }
			}
		}
	}
];
