// Idea boards (Ideen): post, support, comment, similar ideas, statuses and responses through the
// outcomes core, open data. The only import path other code uses (see IDEAS-API.md).
export { answerIdeas } from './answer-ideas';
export { loadBoardRules, saveBoardRules } from './board';
export { commentOnIdea } from './comment-idea';
export { createIdea, type CreateIdeaError } from './create-idea';
export { ideasGeoJson } from './export-definition';
export {
	findSimilarIdeas,
	getIdea,
	getIdeaSummaries,
	getIdeaSummary,
	IDEA_COMMENT_ITEM,
	IDEA_ITEM,
	ideaPath,
	ideaPhotoUpload,
	listIdeas,
	NEAR_METRES,
	type IdeaCard,
	type IdeaDetail,
	type IdeaSummary,
	type SimilarIdea
} from './queries';
export { BoardSettings, IdeaComment, IdeaCreate, IdeaListQuery, PAGE_SIZE, SimilarQuery } from './schemas';
export { supportIdea, type SupportError } from './support-idea';
export { ideaErrors } from './errors';
export {
	ideasLinkedToResult,
	linkableIdeas,
	linkableResult,
	linkResultToIdea,
	resultsLinkedToIdea,
	ResultLinkInput,
	unlinkResultFromIdea,
	type LinkedIdea,
	type LinkedResult,
	type ResultLinkCode
} from './link-results';
