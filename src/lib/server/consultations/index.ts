// The consultations feature (Beteiligungsverfahren): the only import path other code uses.
export {
	CONSULTATION_STATUSES,
	consultationRef,
	isOpen,
	isPublic,
	loadConsultationRef,
	mayManage,
	mayModerate,
	type ConsultationAreaRef,
	type ConsultationCategoryRow,
	type ConsultationRef,
	type ConsultationStatus
} from './ref';
export {
	PARTICIPATION_LEVELS,
	getConsultationById,
	getConsultationImage,
	getConsultationBySlug,
	listConsultations,
	listConsultationsForArea,
	listConsultationsForAreaKey,
	listDraftsForActor,
	type ConsultationDetail,
	type ConsultationListFilter,
	type ConsultationListItem,
	type ConsultationListPage,
	type ConsultationPhaseRow,
	type ParticipationLevel
} from './queries';
export type { ConsultationCreateSubject, ConsultationSubject } from './permissions';
export {
	addTeamMember,
	listTeam,
	removeTeamMember,
	TEAM_ROLES,
	type AddTeamMemberCode,
	type RemoveTeamMemberCode,
	type TeamMember,
	type TeamRole
} from './team';
export { changeConsultationStatus, type ChangeStatusCode } from './change-status';
export type { ImageFile } from './context';
export { createConsultation, type CreateConsultationCode } from './create-consultation';
export {
	canTransition,
	currentPhaseIndex,
	isEditable,
	missingForPublish,
	needsConfirmation,
	paragraphs,
	slugify,
	STATUS_TRANSITIONS,
	validatePhases,
	type PhaseInput
} from './rules';
export {
	MAX_IMAGE_BYTES,
	MAX_PHASE_ROWS,
	detectImageType,
	emptyFormValues,
	parseConsultationForm,
	readFormValues,
	type ConsultationFormValues,
	type ConsultationInput
} from './schemas';
export { updateConsultation, type UpdateConsultationCode } from './update-consultation';
export {
	listAreaFilterChoices,
	listCreatableAreaChoices,
	mayCreateSomewhere,
	type AreaChoiceGroup
} from './area-choices';
export { commandErrorMessage, readConsultationSubmission, type ConsultationSubmission } from './submission';
export {
	getConsultationResults,
	RESULTS_MAX,
	ResultsInput,
	saveConsultationResults,
	type ConsultationResults
} from './results';
export {
	localizeListItem,
	saveConsultationTranslation,
	TRANSLATABLE_FIELDS,
	TranslationInput,
	type ConsultationTranslations,
	type TranslatableField
} from './translations';
