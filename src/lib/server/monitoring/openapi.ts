// OpenAPI 3.1 description of the open-data API, served at /api/v1/openapi.json. Hand-written: keep it in
// step with api.ts and geojson.ts (the integration test checks the documented shapes against real answers).
// Participation modules add their endpoints through their hooks' `openData` (moduleOpenApiDocument);
// tests/unit/monitoring/openapi-routes.test.ts fails when a route under src/routes/api/v1 is missing.
import type { OpenDataEndpoint } from '../participation/component';
import { registry as defaultRegistry, type Registry } from '../participation/registry';

const REASONS = [
	'small_population',
	'small_count',
	'secondary',
	'missing',
	'unknown_or_secret',
	'not_applicable',
	'too_uncertain',
	'not_yet_available',
	'no_value'
];

const error = {
	description: 'Ungültige Anfrage oder unbekanntes Objekt; die Meldung sagt auf Deutsch, was zu tun ist.',
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
};

/** A module's endpoint as an OpenAPI path item (GET). */
export function endpointPathItem(endpoint: OpenDataEndpoint): Record<string, unknown> {
	return {
		get: {
			operationId: endpoint.operationId,
			summary: endpoint.summary,
			description: endpoint.description,
			parameters: (endpoint.parameters ?? []).map((p) => ({
				name: p.name,
				in: p.in ?? 'query',
				required: (p.in ?? 'query') === 'path',
				description: p.description,
				schema: p.schema
			})),
			responses: {
				'200': {
					description: endpoint.summary,
					content: {
						[endpoint.contentType]: endpoint.responseSchema ? { schema: endpoint.responseSchema } : {}
					}
				},
				'400': error
			}
		}
	};
}

/** The document with every registered module's open-data endpoints. */
export async function moduleOpenApiDocument(
	serverUrl: string,
	registry: Registry = defaultRegistry
): Promise<Record<string, unknown>> {
	const endpoints = (await registry.hooks()).flatMap(({ hooks }) => hooks.openData ?? []);
	return openApiDocument(serverUrl, endpoints);
}

export function openApiDocument(
	serverUrl: string,
	moduleEndpoints: readonly OpenDataEndpoint[] = []
): Record<string, unknown> {
	const core = coreDocument(serverUrl);
	const paths = core.paths as Record<string, unknown>;
	for (const endpoint of moduleEndpoints) {
		if (paths[endpoint.path]) throw new Error(`OpenAPI: ${endpoint.path} is described twice`);
		paths[endpoint.path] = endpointPathItem(endpoint);
	}
	return core;
}

function coreDocument(serverUrl: string): Record<string, unknown> {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Quartierskompass – Offene Daten',
			version: '1.0.0',
			description:
				'Sozialräume (Gebiete), öffentliche Indikatoren des Sozialraummonitorings und veröffentlichte ' +
				'Beiträge der Beteiligungsverfahren. Nur öffentliche ' +
				'Indikatoren; Werte kleiner Gebiete und kleiner Fallzahlen sind geschützt (Wert null mit Grund). ' +
				'Antworten dürfen fünf Minuten zwischengespeichert werden.',
			license: {
				name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
				url: 'https://www.govdata.de/dl-de/by-2-0'
			}
		},
		servers: [{ url: serverUrl }],
		paths: {
			'/api/v1/areas.geojson': {
				get: {
					operationId: 'getAreas',
					summary: 'Gebiete einer Ebene als GeoJSON (WGS84)',
					parameters: [
						{
							name: 'level',
							in: 'query',
							required: false,
							description:
								'Schlüssel der Ebene, z. B. „quartier“. Ohne Angabe: die feinste Ebene mit Grenzen.',
							schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', maxLength: 60 }
						}
					],
					responses: {
						'200': {
							description: 'FeatureCollection der aktuellen Gebiete. Mit ETag; If-None-Match ergibt 304.',
							headers: { ETag: { schema: { type: 'string' } } },
							content: { 'application/geo+json': { schema: { $ref: '#/components/schemas/AreaCollection' } } }
						},
						'304': { description: 'Unverändert (If-None-Match passt).' },
						'400': error
					}
				}
			},
			'/api/v1/indicators': {
				get: {
					operationId: 'listIndicators',
					summary: 'Öffentliche Indikatoren mit Metadaten',
					parameters: [
						{
							name: 'lang',
							in: 'query',
							required: false,
							description:
								'Sprache von Name, Einheit und Beschreibung der Indikatoren (de, en, tr, ar, uk, ru). Ohne Angabe: Accept-Language, sonst Deutsch. Nicht übersetzte Texte kommen auf Deutsch (textLanguage sagt es).',
							schema: { enum: ['de', 'en', 'tr', 'ar', 'uk', 'ru'] }
						}
					],
					responses: {
						'200': {
							description: 'Liste der öffentlichen Indikatoren.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['indicators'],
										properties: {
											indicators: { type: 'array', items: { $ref: '#/components/schemas/Indicator' } }
										}
									}
								}
							}
						}
					}
				}
			},
			'/api/v1/indicators/{id}/values': {
				get: {
					operationId: 'getIndicatorValues',
					summary: 'Werte eines öffentlichen Indikators je Gebiet einer Ebene in einem Jahr',
					parameters: [
						{
							name: 'id',
							in: 'path',
							required: true,
							description: 'Schlüssel (key) oder ID des Indikators.',
							schema: { type: 'string' }
						},
						{
							name: 'lang',
							in: 'query',
							required: false,
							description:
								'Sprache von Name, Einheit und Beschreibung der Indikatoren (de, en, tr, ar, uk, ru). Ohne Angabe: Accept-Language, sonst Deutsch. Nicht übersetzte Texte kommen auf Deutsch (textLanguage sagt es).',
							schema: { enum: ['de', 'en', 'tr', 'ar', 'uk', 'ru'] }
						},
						{
							name: 'level',
							in: 'query',
							required: false,
							description: 'Schlüssel der Ebene. Ohne Angabe: die feinste Ebene mit Grenzen.',
							schema: { type: 'string' }
						},
						{
							name: 'year',
							in: 'query',
							required: false,
							description: 'Jahr. Ohne Angabe: das neueste Jahr mit Werten.',
							schema: { type: 'integer', minimum: 1900, maximum: 2200 }
						}
					],
					responses: {
						'200': {
							description: 'Werte; geschützte Werte sind null mit Grund.',
							content: { 'application/json': { schema: { $ref: '#/components/schemas/IndicatorValues' } } }
						},
						'400': error,
						'404': error
					}
				}
			},
			'/api/v1/openapi.json': {
				get: {
					operationId: 'getOpenApi',
					summary: 'Diese Beschreibung',
					responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } }
				}
			}
		},
		components: {
			schemas: {
				Error: {
					type: 'object',
					required: ['error'],
					properties: {
						error: { type: 'string', description: 'Meldung auf Deutsch' },
						issues: {
							type: 'array',
							items: {
								type: 'object',
								properties: { parameter: { type: 'string' }, message: { type: 'string' } }
							}
						}
					}
				},
				AreaCollection: {
					type: 'object',
					required: ['type', 'features'],
					properties: {
						type: { const: 'FeatureCollection' },
						features: { type: 'array', items: { $ref: '#/components/schemas/AreaFeature' } }
					}
				},
				AreaFeature: {
					type: 'object',
					required: ['type', 'id', 'properties', 'geometry'],
					properties: {
						type: { const: 'Feature' },
						id: { type: 'string' },
						properties: {
							type: 'object',
							required: ['key', 'name', 'level', 'parentKey', 'population'],
							properties: {
								key: { type: 'string', description: 'Gebietsschlüssel (Text, führende Nullen bleiben)' },
								name: { type: 'string' },
								level: { type: 'string' },
								parentKey: { type: ['string', 'null'] },
								population: {
									type: ['integer', 'null'],
									description:
										'null, wenn der Schutz kleiner Zahlen das Gebiet verbirgt (siehe populationReason)'
								},
								populationYear: { type: ['integer', 'null'] },
								populationReason: {
									type: ['string', 'null'],
									enum: ['small_population', 'small_count', 'secondary', null]
								}
							}
						},
						geometry: {
							description:
								'Polygon oder MultiPolygon (GeoJSON, WGS84, für die Anzeige vereinfacht) oder null',
							type: ['object', 'null']
						}
					}
				},
				Indicator: {
					type: 'object',
					required: ['id', 'key', 'name', 'unit', 'domain', 'polarity', 'years', 'valuesUrl'],
					properties: {
						id: { type: 'string', format: 'uuid' },
						key: { type: 'string' },
						name: { type: 'string' },
						definition: { type: 'string' },
						unit: { type: 'string' },
						source: { type: 'string' },
						asOf: { type: 'string', description: 'Stand laut Quelle' },
						domain: {
							enum: [
								'basisdaten',
								'oekonomische_situation',
								'erziehung_bildung',
								'gesundheit',
								'wohnen_umwelt'
							]
						},
						polarity: { enum: ['higher_is_better', 'higher_is_worse', 'neutral'] },
						valueType: { enum: ['numeric', 'categorical'] },
						aggregation: { enum: ['sum', 'rate', 'none'] },
						scale: { type: ['number', 'null'] },
						categories: { type: ['array', 'null'], items: { type: 'string' } },
						inCompositeIndex: { type: 'boolean' },
						years: { type: 'array', items: { type: 'integer' } },
						valuesUrl: { type: 'string' },
						textLanguage: {
							type: 'object',
							description: 'Sprache, in der name, unit und definition stehen (de, wenn nicht übersetzt).',
							properties: {
								name: { type: 'string' },
								unit: { type: 'string' },
								definition: { type: 'string' }
							}
						}
					}
				},
				IndicatorValues: {
					type: 'object',
					required: ['indicator', 'level', 'year', 'cityAverage', 'suppression', 'values'],
					properties: {
						indicator: {
							type: 'object',
							properties: {
								id: { type: 'string' },
								key: { type: 'string' },
								name: { type: 'string' },
								unit: { type: 'string' },
								source: { type: 'string' },
								asOf: { type: 'string' }
							}
						},
						level: { type: 'string' },
						year: { type: 'integer' },
						cityAverage: {
							type: ['object', 'null'],
							description:
								'Wert der ganzen Stadt (oberstes Gebiet); ohne Stadtebene aus den obersten Gebieten berechnet (key null)',
							properties: {
								key: { type: ['string', 'null'] },
								name: { type: 'string' },
								value: { type: ['number', 'null'] },
								count: { type: ['number', 'null'] },
								reason: { enum: [...REASONS, null] }
							}
						},
						suppression: {
							type: 'object',
							properties: { minPopulation: { type: 'integer' }, minCount: { type: 'integer' } }
						},
						values: { type: 'array', items: { $ref: '#/components/schemas/AreaValue' } }
					}
				},
				AreaValue: {
					type: 'object',
					required: ['key', 'name', 'parentKey', 'value', 'reason'],
					properties: {
						key: { type: 'string' },
						name: { type: 'string' },
						parentKey: { type: ['string', 'null'] },
						value: { type: ['number', 'null'] },
						category: { type: ['string', 'null'] },
						count: {
							type: ['number', 'null'],
							description: 'Absolute Zahl hinter dem Wert, wo veröffentlicht'
						},
						reason: {
							enum: [...REASONS, null],
							description:
								'Warum value null ist: small_population / small_count / secondary = Schutz kleiner Zahlen; ' +
								'missing, unknown_or_secret, not_applicable, too_uncertain, not_yet_available = Zeichen der ' +
								'amtlichen Statistik; no_value = kein Wert geliefert.'
						}
					}
				}
			}
		}
	};
}
