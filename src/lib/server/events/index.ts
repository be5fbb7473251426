// The events module ("Termine und Werkstätten"): the only import path other code uses.
export { eventsManifest } from './manifest';
export { eventRules, type EventSubject } from './permissions';
export { checkInCsv } from './check-in';
export {
	AddDateForm,
	EventEditForm,
	EventForm,
	ListQuery,
	MoveForm,
	PollAnswer,
	PollAnswerForm,
	RegistrationForm,
	StaffRegistrationForm
} from './schemas';
export {
	checkInList,
	eventOfResult,
	eventsOfConsultation,
	eventSubject,
	feedOccurrences,
	getEvent,
	listInterpreterLanguages,
	listOccurrences,
	participantsByArea,
	PAGE_SIZE,
	resultsOfEvent,
	type EventDetail,
	type OccurrenceFilter
} from './queries';
export {
	cancelRegistrationByStaff,
	cancelRegistrationByToken,
	markAttendance,
	parseRegistrationAnswers,
	registerForOccurrence,
	type RegisterInput
} from './registration';
export {
	addOccurrence,
	cancelOccurrence,
	createEvent,
	moveOccurrence,
	tellAttendees,
	updateEvent
} from './save-event';
export {
	answerPoll,
	createPoll,
	fixPollSlot,
	getPoll,
	getResponseByToken,
	pollResults,
	pollsOfEvent,
	updatePollAnswers
} from './polls';
export { RETENTION_DAYS, runRetention, sendReminders, startEventJobs } from './jobs';
export { addEventDate, type AddDateError } from './add-date';
export {
	defaultRegistrationQuestions,
	pickedQuestionKeys,
	questionField,
	REGISTRATION_QUESTION_KEYS,
	registrationQuestions,
	RESIDENCE_KEY,
	storedQuestionKeys,
	textInAllLocales,
	type RegistrationQuestionKey
} from './questions';
export { describeAnswers, summariseAnswers, type AnswerCount } from './registration-answers';
export { hashToken } from './tokens';
export { filterAreas, listView, loadEventList, loadEventMonth, MONTH_MAX_DATES } from './list-page';
export { eventsFeed, feedFilter } from './feed';
export { admitPublicWrite } from './rate';
export { consultationCoversAreas, eventForEntry, resultHomes, type ResultHome } from './result-home';
export { attachDocument, deleteDocument, listDocuments, MAX_DOCUMENT_BYTES } from './documents';
export { visibleEvent } from './visibility';
