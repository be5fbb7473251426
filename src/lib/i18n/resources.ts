// All UI strings, one JSON file per feature and language. German is complete and the fallback;
// tests/unit/i18n-complete.test.ts checks that every language has every key.
import deAdmin from './locales/de/admin.json';
import deAreas from './locales/de/areas.json';
import deAuth from './locales/de/auth.json';
import deConsultations from './locales/de/consultations.json';
import deContributions from './locales/de/contributions.json';
import deCore from './locales/de/core.json';
import deExports from './locales/de/exports.json';
import deIndicators from './locales/de/indicators.json';
import deAreasImport from './locales/de/monitoring-areas.json';
import deMonitoring from './locales/de/monitoring.json';
import deOutcomes from './locales/de/outcomes.json';
import deSystem from './locales/de/system.json';
import deSurveysResults from './locales/de/surveysResults.json';
import deSurveys from './locales/de/surveys.json';
import enAdmin from './locales/en/admin.json';
import enAreas from './locales/en/areas.json';
import enAuth from './locales/en/auth.json';
import enConsultations from './locales/en/consultations.json';
import enContributions from './locales/en/contributions.json';
import enCore from './locales/en/core.json';
import enExports from './locales/en/exports.json';
import enIndicators from './locales/en/indicators.json';
import enAreasImport from './locales/en/monitoring-areas.json';
import enMonitoring from './locales/en/monitoring.json';
import enOutcomes from './locales/en/outcomes.json';
import enSystem from './locales/en/system.json';
import enSurveysResults from './locales/en/surveysResults.json';
import enSurveys from './locales/en/surveys.json';
import trAdmin from './locales/tr/admin.json';
import trAreas from './locales/tr/areas.json';
import trAuth from './locales/tr/auth.json';
import trConsultations from './locales/tr/consultations.json';
import trContributions from './locales/tr/contributions.json';
import trCore from './locales/tr/core.json';
import trExports from './locales/tr/exports.json';
import trIndicators from './locales/tr/indicators.json';
import trAreasImport from './locales/tr/monitoring-areas.json';
import trMonitoring from './locales/tr/monitoring.json';
import trOutcomes from './locales/tr/outcomes.json';
import trSystem from './locales/tr/system.json';
import trSurveysResults from './locales/tr/surveysResults.json';
import trSurveys from './locales/tr/surveys.json';
import arAdmin from './locales/ar/admin.json';
import arAreas from './locales/ar/areas.json';
import arAuth from './locales/ar/auth.json';
import arConsultations from './locales/ar/consultations.json';
import arContributions from './locales/ar/contributions.json';
import arCore from './locales/ar/core.json';
import arExports from './locales/ar/exports.json';
import arIndicators from './locales/ar/indicators.json';
import arAreasImport from './locales/ar/monitoring-areas.json';
import arMonitoring from './locales/ar/monitoring.json';
import arOutcomes from './locales/ar/outcomes.json';
import arSystem from './locales/ar/system.json';
import arSurveysResults from './locales/ar/surveysResults.json';
import arSurveys from './locales/ar/surveys.json';
import ukAdmin from './locales/uk/admin.json';
import ukAreas from './locales/uk/areas.json';
import ukAuth from './locales/uk/auth.json';
import ukConsultations from './locales/uk/consultations.json';
import ukContributions from './locales/uk/contributions.json';
import ukCore from './locales/uk/core.json';
import ukExports from './locales/uk/exports.json';
import ukIndicators from './locales/uk/indicators.json';
import ukAreasImport from './locales/uk/monitoring-areas.json';
import ukMonitoring from './locales/uk/monitoring.json';
import ukOutcomes from './locales/uk/outcomes.json';
import ukSystem from './locales/uk/system.json';
import ukSurveysResults from './locales/uk/surveysResults.json';
import ukSurveys from './locales/uk/surveys.json';
import ruAdmin from './locales/ru/admin.json';
import ruAreas from './locales/ru/areas.json';
import ruAuth from './locales/ru/auth.json';
import ruConsultations from './locales/ru/consultations.json';
import ruContributions from './locales/ru/contributions.json';
import ruCore from './locales/ru/core.json';
import ruExports from './locales/ru/exports.json';
import ruIndicators from './locales/ru/indicators.json';
import ruAreasImport from './locales/ru/monitoring-areas.json';
import ruMonitoring from './locales/ru/monitoring.json';
import ruOutcomes from './locales/ru/outcomes.json';
import ruSystem from './locales/ru/system.json';
import ruSurveysResults from './locales/ru/surveysResults.json';
import ruSurveys from './locales/ru/surveys.json';

export const resources = {
	de: {
		translation: {
			admin: deAdmin,
			areas: deAreas,
			auth: deAuth,
			consultations: deConsultations,
			contributions: deContributions,
			core: deCore,
			exports: deExports,
			indicators: deIndicators,
			areasImport: deAreasImport,
			monitoring: deMonitoring,
			outcomes: deOutcomes,
			system: deSystem,
			surveys: deSurveys,
			surveysResults: deSurveysResults
		}
	},
	en: {
		translation: {
			admin: enAdmin,
			areas: enAreas,
			auth: enAuth,
			consultations: enConsultations,
			contributions: enContributions,
			core: enCore,
			exports: enExports,
			indicators: enIndicators,
			areasImport: enAreasImport,
			monitoring: enMonitoring,
			outcomes: enOutcomes,
			system: enSystem,
			surveys: enSurveys,
			surveysResults: enSurveysResults
		}
	},
	tr: {
		translation: {
			admin: trAdmin,
			areas: trAreas,
			auth: trAuth,
			consultations: trConsultations,
			contributions: trContributions,
			core: trCore,
			exports: trExports,
			indicators: trIndicators,
			areasImport: trAreasImport,
			monitoring: trMonitoring,
			outcomes: trOutcomes,
			system: trSystem,
			surveys: trSurveys,
			surveysResults: trSurveysResults
		}
	},
	ar: {
		translation: {
			admin: arAdmin,
			areas: arAreas,
			auth: arAuth,
			consultations: arConsultations,
			contributions: arContributions,
			core: arCore,
			exports: arExports,
			indicators: arIndicators,
			areasImport: arAreasImport,
			monitoring: arMonitoring,
			outcomes: arOutcomes,
			system: arSystem,
			surveys: arSurveys,
			surveysResults: arSurveysResults
		}
	},
	uk: {
		translation: {
			admin: ukAdmin,
			areas: ukAreas,
			auth: ukAuth,
			consultations: ukConsultations,
			contributions: ukContributions,
			core: ukCore,
			exports: ukExports,
			indicators: ukIndicators,
			areasImport: ukAreasImport,
			monitoring: ukMonitoring,
			outcomes: ukOutcomes,
			system: ukSystem,
			surveys: ukSurveys,
			surveysResults: ukSurveysResults
		}
	},
	ru: {
		translation: {
			admin: ruAdmin,
			areas: ruAreas,
			auth: ruAuth,
			consultations: ruConsultations,
			contributions: ruContributions,
			core: ruCore,
			exports: ruExports,
			indicators: ruIndicators,
			areasImport: ruAreasImport,
			monitoring: ruMonitoring,
			outcomes: ruOutcomes,
			system: ruSystem,
			surveys: ruSurveys,
			surveysResults: ruSurveysResults
		}
	}
};
