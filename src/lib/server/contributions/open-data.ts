// The module's /api/v1 endpoints, for the OpenAPI document (monitoring/openapi.ts reads them from the
// registry). Keep in step with src/routes/api/v1/contributions.geojson/+server.ts and
// openDataContributions (queries.ts).
import type { OpenDataEndpoint } from '../participation/component';

export const mapCommentOpenData: OpenDataEndpoint[] = [
	{
		path: '/api/v1/contributions.geojson',
		operationId: 'getContributions',
		summary: 'Veröffentlichte Hinweise auf der Karte als GeoJSON (WGS84)',
		description:
			'Veröffentlichte Beiträge (keine Antworten) nicht-entworfener Beteiligungsverfahren, höchstens 10.000, ' +
			'die ältesten zuerst. Ohne Namen, E-Mail-Adressen oder Kennungen der Verfasserinnen und Verfasser. ' +
			'Antworten dürfen eine Minute zwischengespeichert werden.',
		parameters: [
			{
				name: 'consultation',
				description: 'Kurzname (slug) eines Beteiligungsverfahrens, z. B. „marktplatz-altstadt“.',
				schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 200 }
			},
			{
				name: 'area',
				description: 'Gebietsschlüssel einer beliebigen Ebene: nur Beiträge, die dieses Gebiet berühren.',
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
							geometry: {
								description: 'Point, LineString oder Polygon (GeoJSON, WGS84) oder null (nur Gebiet gewählt)',
								type: ['object', 'null']
							},
							properties: {
								type: 'object',
								required: [
									'id',
									'consultation',
									'body',
									'created_at',
									'channel',
									'area_keys',
									'support_count'
								],
								properties: {
									id: { type: 'string', format: 'uuid' },
									consultation: { type: 'string', description: 'Kurzname des Verfahrens' },
									category: { type: ['string', 'null'] },
									body: { type: 'string' },
									created_at: { type: 'string', format: 'date-time' },
									channel: {
										enum: ['online', 'paper', 'interview', 'workshop', 'phone', 'info_stand', 'walk']
									},
									area_keys: {
										type: 'array',
										items: { type: 'string' },
										description: 'Schlüssel aller berührten Gebiete, alle Ebenen'
									},
									support_count: { type: 'integer', minimum: 0 }
								}
							}
						}
					}
				}
			}
		}
	}
];
