// All UI strings, one JSON file per feature and language. German is complete and the fallback;
// tests/unit/i18n-complete.test.ts checks that every language has every key.
import deAdmin from './locales/de/admin.json';
import deAreas from './locales/de/areas.json';
import deAuth from './locales/de/auth.json';
import deConsultations from './locales/de/consultations.json';
import deContributions from './locales/de/contributions.json';
import deCore from './locales/de/core.json';
import deEvents from './locales/de/events.json';
import deExports from './locales/de/exports.json';
import deIdeas from './locales/de/ideas.json';
import deIndicators from './locales/de/indicators.json';
import deIndicatorTexts from './locales/de/indicator-texts.json';
import deAreasImport from './locales/de/monitoring-areas.json';
import deMonitoring from './locales/de/monitoring.json';
import deFollowing from './locales/de/following.json';
import deMeasures from './locales/de/measures.json';
import deOutcomes from './locales/de/outcomes.json';
import deSystem from './locales/de/system.json';
import deSurveys from './locales/de/surveys.json';
import deSurveysBuilder from './locales/de/surveys-builder.json';
import deTables from './locales/de/tables.json';
import enAdmin from './locales/en/admin.json';
import enAreas from './locales/en/areas.json';
import enAuth from './locales/en/auth.json';
import enConsultations from './locales/en/consultations.json';
import enContributions from './locales/en/contributions.json';
import enCore from './locales/en/core.json';
import enEvents from './locales/en/events.json';
import enExports from './locales/en/exports.json';
import enIdeas from './locales/en/ideas.json';
import enIndicators from './locales/en/indicators.json';
import enIndicatorTexts from './locales/en/indicator-texts.json';
import enAreasImport from './locales/en/monitoring-areas.json';
import enMonitoring from './locales/en/monitoring.json';
import enFollowing from './locales/en/following.json';
import enMeasures from './locales/en/measures.json';
import enOutcomes from './locales/en/outcomes.json';
import enSystem from './locales/en/system.json';
import enSurveys from './locales/en/surveys.json';
import enSurveysBuilder from './locales/en/surveys-builder.json';
import enTables from './locales/en/tables.json';
import trAdmin from './locales/tr/admin.json';
import trAreas from './locales/tr/areas.json';
import trAuth from './locales/tr/auth.json';
import trConsultations from './locales/tr/consultations.json';
import trContributions from './locales/tr/contributions.json';
import trCore from './locales/tr/core.json';
import trEvents from './locales/tr/events.json';
import trExports from './locales/tr/exports.json';
import trIdeas from './locales/tr/ideas.json';
import trIndicators from './locales/tr/indicators.json';
import trIndicatorTexts from './locales/tr/indicator-texts.json';
import trAreasImport from './locales/tr/monitoring-areas.json';
import trMonitoring from './locales/tr/monitoring.json';
import trFollowing from './locales/tr/following.json';
import trMeasures from './locales/tr/measures.json';
import trOutcomes from './locales/tr/outcomes.json';
import trSystem from './locales/tr/system.json';
import trSurveys from './locales/tr/surveys.json';
import trSurveysBuilder from './locales/tr/surveys-builder.json';
import trTables from './locales/tr/tables.json';
import arAdmin from './locales/ar/admin.json';
import arAreas from './locales/ar/areas.json';
import arAuth from './locales/ar/auth.json';
import arConsultations from './locales/ar/consultations.json';
import arContributions from './locales/ar/contributions.json';
import arCore from './locales/ar/core.json';
import arEvents from './locales/ar/events.json';
import arExports from './locales/ar/exports.json';
import arIdeas from './locales/ar/ideas.json';
import arIndicators from './locales/ar/indicators.json';
import arIndicatorTexts from './locales/ar/indicator-texts.json';
import arAreasImport from './locales/ar/monitoring-areas.json';
import arMonitoring from './locales/ar/monitoring.json';
import arFollowing from './locales/ar/following.json';
import arMeasures from './locales/ar/measures.json';
import arOutcomes from './locales/ar/outcomes.json';
import arSystem from './locales/ar/system.json';
import arSurveys from './locales/ar/surveys.json';
import arSurveysBuilder from './locales/ar/surveys-builder.json';
import arTables from './locales/ar/tables.json';
import ukAdmin from './locales/uk/admin.json';
import ukAreas from './locales/uk/areas.json';
import ukAuth from './locales/uk/auth.json';
import ukConsultations from './locales/uk/consultations.json';
import ukContributions from './locales/uk/contributions.json';
import ukCore from './locales/uk/core.json';
import ukEvents from './locales/uk/events.json';
import ukExports from './locales/uk/exports.json';
import ukIdeas from './locales/uk/ideas.json';
import ukIndicators from './locales/uk/indicators.json';
import ukIndicatorTexts from './locales/uk/indicator-texts.json';
import ukAreasImport from './locales/uk/monitoring-areas.json';
import ukMonitoring from './locales/uk/monitoring.json';
import ukFollowing from './locales/uk/following.json';
import ukMeasures from './locales/uk/measures.json';
import ukOutcomes from './locales/uk/outcomes.json';
import ukSystem from './locales/uk/system.json';
import ukSurveys from './locales/uk/surveys.json';
import ukSurveysBuilder from './locales/uk/surveys-builder.json';
import ukTables from './locales/uk/tables.json';
import ruAdmin from './locales/ru/admin.json';
import ruAreas from './locales/ru/areas.json';
import ruAuth from './locales/ru/auth.json';
import ruConsultations from './locales/ru/consultations.json';
import ruContributions from './locales/ru/contributions.json';
import ruCore from './locales/ru/core.json';
import ruEvents from './locales/ru/events.json';
import ruExports from './locales/ru/exports.json';
import ruIdeas from './locales/ru/ideas.json';
import ruIndicators from './locales/ru/indicators.json';
import ruIndicatorTexts from './locales/ru/indicator-texts.json';
import ruAreasImport from './locales/ru/monitoring-areas.json';
import ruMonitoring from './locales/ru/monitoring.json';
import ruFollowing from './locales/ru/following.json';
import ruMeasures from './locales/ru/measures.json';
import ruOutcomes from './locales/ru/outcomes.json';
import ruSystem from './locales/ru/system.json';
import ruSurveys from './locales/ru/surveys.json';
import ruSurveysBuilder from './locales/ru/surveys-builder.json';
import ruTables from './locales/ru/tables.json';

export const resources = {
	de: {
		translation: {
			admin: deAdmin,
			areas: deAreas,
			auth: deAuth,
			consultations: deConsultations,
			contributions: deContributions,
			core: deCore,
			events: deEvents,
			exports: deExports,
			ideas: deIdeas,
			indicators: deIndicators,
			indicatorTexts: deIndicatorTexts,
			areasImport: deAreasImport,
			monitoring: deMonitoring,
			following: deFollowing,
			measures: deMeasures,
			outcomes: deOutcomes,
			surveys: deSurveys,
			system: deSystem,
			surveysBuilder: deSurveysBuilder,
			tables: deTables
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
			events: enEvents,
			exports: enExports,
			ideas: enIdeas,
			indicators: enIndicators,
			indicatorTexts: enIndicatorTexts,
			areasImport: enAreasImport,
			monitoring: enMonitoring,
			following: enFollowing,
			measures: enMeasures,
			outcomes: enOutcomes,
			surveys: enSurveys,
			system: enSystem,
			surveysBuilder: enSurveysBuilder,
			tables: enTables
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
			events: trEvents,
			exports: trExports,
			ideas: trIdeas,
			indicators: trIndicators,
			indicatorTexts: trIndicatorTexts,
			areasImport: trAreasImport,
			monitoring: trMonitoring,
			following: trFollowing,
			measures: trMeasures,
			outcomes: trOutcomes,
			surveys: trSurveys,
			system: trSystem,
			surveysBuilder: trSurveysBuilder,
			tables: trTables
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
			events: arEvents,
			exports: arExports,
			ideas: arIdeas,
			indicators: arIndicators,
			indicatorTexts: arIndicatorTexts,
			areasImport: arAreasImport,
			monitoring: arMonitoring,
			following: arFollowing,
			measures: arMeasures,
			outcomes: arOutcomes,
			surveys: arSurveys,
			system: arSystem,
			surveysBuilder: arSurveysBuilder,
			tables: arTables
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
			events: ukEvents,
			exports: ukExports,
			ideas: ukIdeas,
			indicators: ukIndicators,
			indicatorTexts: ukIndicatorTexts,
			areasImport: ukAreasImport,
			monitoring: ukMonitoring,
			following: ukFollowing,
			measures: ukMeasures,
			outcomes: ukOutcomes,
			surveys: ukSurveys,
			system: ukSystem,
			surveysBuilder: ukSurveysBuilder,
			tables: ukTables
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
			events: ruEvents,
			exports: ruExports,
			ideas: ruIdeas,
			indicators: ruIndicators,
			indicatorTexts: ruIndicatorTexts,
			areasImport: ruAreasImport,
			monitoring: ruMonitoring,
			following: ruFollowing,
			measures: ruMeasures,
			outcomes: ruOutcomes,
			surveys: ruSurveys,
			system: ruSystem,
			surveysBuilder: ruSurveysBuilder,
			tables: ruTables
		}
	}
};
