// Pages: the questionnaire split at page breaks (layout 'pages') or one question per page
// ('one_question'); pages whose condition fails are skipped; progress "page i of n".
import { conditionHolds, visibleQuestionKeys } from './conditions';
import type { Answers, Question, QuestionnaireDefinition, QuestionOf } from './definition';

export interface QuestionPage {
	/** The page_break that starts it (title, condition); null for the first page. */
	pageBreak: QuestionOf<'page_break'> | null;
	questions: Question[];
}

/** All pages, before conditions. Empty pages (two breaks in a row) are dropped. */
export function splitPages(def: Pick<QuestionnaireDefinition, 'questions'>, layout: 'pages' | 'one_question' = 'pages'): QuestionPage[] {
	const pages: QuestionPage[] = [];
	let current: QuestionPage = { pageBreak: null, questions: [] };
	for (const q of def.questions) {
		if (q.type === 'page_break') {
			if (current.questions.length) pages.push(current);
			current = { pageBreak: q, questions: [] };
			continue;
		}
		if (layout === 'one_question') {
			// Info blocks stay with the question after them.
			current.questions.push(q);
			if (q.type !== 'info') {
				pages.push(current);
				current = { pageBreak: current.pageBreak, questions: [] };
			}
			continue;
		}
		current.questions.push(q);
	}
	if (current.questions.length) pages.push(current);
	return pages;
}

/** The pages shown for these answers (page conditions and question conditions applied). */
export function visiblePages(
	def: Pick<QuestionnaireDefinition, 'questions'>,
	answers: Answers,
	layout: 'pages' | 'one_question' = 'pages'
): QuestionPage[] {
	const visible = visibleQuestionKeys(def.questions, answers);
	const out: QuestionPage[] = [];
	for (const page of splitPages(def, layout)) {
		if (page.pageBreak && !visible.has(page.pageBreak.key)) continue;
		const questions = page.questions.filter((q) => visible.has(q.key));
		if (questions.length) out.push({ ...page, questions });
	}
	return out;
}

/** The page's questions shown for the answers so far (conditions on the same page count too). */
export function pageQuestions(page: QuestionPage, answers: Answers): Question[] {
	return page.questions.filter((q) => conditionHolds(q.condition, answers));
}

export interface Progress {
	/** 1-based */
	page: number;
	pages: number;
	percent: number;
}

export function progress(pageIndex: number, pageCount: number): Progress {
	const pages = Math.max(pageCount, 1);
	const page = Math.min(Math.max(pageIndex + 1, 1), pages);
	return { page, pages, percent: Math.round(((page - 1) / pages) * 100) };
}
