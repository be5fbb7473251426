// The consultations feature (Beteiligungsverfahren): the only import path other code uses.
export {
	AVAILABLE_MODULES,
	CONSULTATION_MODULES,
	CONSULTATION_STATUSES,
	PARTICIPATION_LEVELS,
	getConsultationById,
	getConsultationBySlug,
	listConsultations,
	listConsultationsForArea,
	type ConsultationAreaRef,
	type ConsultationCategoryRow,
	type ConsultationDetail,
	type ConsultationListFilter,
	type ConsultationListItem,
	type ConsultationListPage,
	type ConsultationPhaseRow,
	type ConsultationStatus,
	type ParticipationLevel
} from './queries';
export type { ConsultationCreateSubject, ConsultationSubject } from './permissions';
