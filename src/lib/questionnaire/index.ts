// The questionnaire engine (browser-safe): definition, conditions, pages, texts and piping, validation,
// reading answers from a plain form.
export * from './definition';
export { answerTokens, conditionHolds, isAnswered, pruneHidden, visibleQuestionKeys } from './conditions';
export { fieldName, parseAnswerForm, type FormLike, type ParsedForm } from './form';
export { pageQuestions, progress, splitPages, visiblePages, type Progress, type QuestionPage } from './pages';
export { answerText, pickText, pipedKeys, pipeText, type AreaNames, type PickedText } from './text';
export { validateAnswer, validateAnswers, type AnswerError, type ValidationContext } from './validate';
export {
	MAP_LIMITS,
	parseMapGeometries,
	reachChoropleth,
	type MapAnswerFeature,
	type MapGeometry
} from './map-answer';
