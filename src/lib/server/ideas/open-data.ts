// The module's /api/v1 endpoint for the OpenAPI document (read from the registry). Keep in step with
// src/routes/api/v1/ideas.geojson/+server.ts and ideasGeoJson (export-definition.ts).
import type { OpenDataEndpoint } from '../participation/component';

export const ideaOpenData: OpenDataEndpoint[] = [
	{
		path: '/api/v1/ideas.geojson',
		operationId: 'getIdeas',
		summary: 'Veröffentlichte Ideen mit Status und Rückmeldung als GeoJSON (WGS84)',
		description:
			'Veröffentlichte Ideen öffentlicher Beteiligungsverfahren, höchstens 10.000, die ältesten zuerst, mit ' +
			'ihrem Bearbeitungsstand und der neuesten offiziellen Rückmeldung. Ohne Namen, E-Mail-Adressen oder ' +
			'Kennungen der Verfasserinnen und Verfasser. Ideen ohne Ort haben die Geometrie null.',
		parameters: [
			{
				name: 'consultation',
				description: 'Kurzname (slug) eines Beteiligungsverfahrens.',
				schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 200 }
			},
			{
				name: 'area',
				description: 'Gebietsschlüssel einer beliebigen Ebene: nur Ideen in diesem Gebiet.',
				schema: { type: 'string', minLength: 1, maxLength: 100 }
			}
		],
		contentType: 'application/geo+json',
		responseSchema: {
			type: 'object',
			required: ['type', 'features'],
			properties: {
				type: { const: 'FeatureCollection' },
				features: {
					type: 'array',
					items: {
						type: 'object',
						required: ['type', 'geometry', 'properties'],
						properties: {
							type: { const: 'Feature' },
							geometry: { description: 'Point (WGS84) oder null', type: ['object', 'null'] },
							properties: {
								type: 'object',
								required: ['id', 'consultation', 'title', 'text', 'created_at', 'area_keys', 'support_count', 'status'],
								properties: {
									id: { type: 'string', format: 'uuid' },
									consultation: { type: 'string' },
									title: { type: 'string' },
									text: { type: 'string' },
									category: { type: ['string', 'null'] },
									created_at: { type: 'string', format: 'date-time' },
									area_keys: { type: 'array', items: { type: 'string' } },
									support_count: { type: 'integer', minimum: 0 },
									status: {
										enum: ['received', 'in_review', 'accepted', 'partly_accepted', 'not_feasible', 'in_progress', 'implemented', 'answered']
									},
									response: { type: ['string', 'null'] },
									responder: { type: ['string', 'null'], description: 'Stelle, die geantwortet hat' },
									responded_at: { type: ['string', 'null'], format: 'date-time' }
								}
							}
						}
					}
				}
			}
		}
	}
];
