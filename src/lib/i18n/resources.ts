// All UI strings, one JSON file per feature and language. German is complete and the fallback.
import arAdmin from './locales/ar/admin.json';
import arAreas from './locales/ar/areas.json';
import arAreasImport from './locales/ar/monitoring-areas.json';
import arAuth from './locales/ar/auth.json';
import arContributions from './locales/ar/contributions.json';
import arCore from './locales/ar/core.json';
import arExports from './locales/ar/exports.json';
import arIndicators from './locales/ar/indicators.json';
import arMonitoring from './locales/ar/monitoring.json';
import arSystem from './locales/ar/system.json';
import arConsultations from './locales/ar/consultations.json';
import arOutcomes from './locales/ar/outcomes.json';
import deAdmin from './locales/de/admin.json';
import deAreas from './locales/de/areas.json';
import deAreasImport from './locales/de/monitoring-areas.json';
import deAuth from './locales/de/auth.json';
import deContributions from './locales/de/contributions.json';
import deCore from './locales/de/core.json';
import deExports from './locales/de/exports.json';
import deIndicators from './locales/de/indicators.json';
import deMonitoring from './locales/de/monitoring.json';
import deSystem from './locales/de/system.json';
import deConsultations from './locales/de/consultations.json';
import deOutcomes from './locales/de/outcomes.json';
import enAdmin from './locales/en/admin.json';
import enAreas from './locales/en/areas.json';
import enAreasImport from './locales/en/monitoring-areas.json';
import enAuth from './locales/en/auth.json';
import enContributions from './locales/en/contributions.json';
import enCore from './locales/en/core.json';
import enExports from './locales/en/exports.json';
import enIndicators from './locales/en/indicators.json';
import enMonitoring from './locales/en/monitoring.json';
import enSystem from './locales/en/system.json';
import enConsultations from './locales/en/consultations.json';
import enOutcomes from './locales/en/outcomes.json';

export const resources = {
	de: {
		translation: {
			core: deCore,
			auth: deAuth,
			admin: deAdmin,
			areas: deAreas,
			areasImport: deAreasImport,
			system: deSystem,
			consultations: deConsultations,
			indicators: deIndicators,
			monitoring: deMonitoring,
			contributions: deContributions,
			exports: deExports,
			outcomes: deOutcomes
		}
	},
	en: {
		translation: {
			core: enCore,
			auth: enAuth,
			admin: enAdmin,
			areas: enAreas,
			areasImport: enAreasImport,
			system: enSystem,
			consultations: enConsultations,
			indicators: enIndicators,
			monitoring: enMonitoring,
			contributions: enContributions,
			exports: enExports,
			outcomes: enOutcomes
		}
	},
	ar: {
		translation: {
			core: arCore,
			auth: arAuth,
			admin: arAdmin,
			areas: arAreas,
			areasImport: arAreasImport,
			system: arSystem,
			consultations: arConsultations,
			indicators: arIndicators,
			monitoring: arMonitoring,
			contributions: arContributions,
			exports: arExports,
			outcomes: arOutcomes
		}
	}
};
