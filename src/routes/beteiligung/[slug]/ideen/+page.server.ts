import { error, fail, redirect } from '@sveltejs/kit';
import { ideaListQuery, postingProblem } from '$lib/ideas/rules';
import { areaPickerGroups } from '$lib/server/areas';
import { getConsultationBySlug, isOpen } from '$lib/server/consultations';
import { translateFieldErrors } from '$lib/server/core';
import { answerIdeas, IdeaListQuery, listIdeas, loadBoardRules, PAGE_SIZE } from '$lib/server/ideas';
import { lastResponderName, mayRespondIn } from '$lib/server/participation/outcomes';
import type { Actions, PageServerLoad } from './$types';

async function board(locals: App.Locals, slug: string) {
	const { db, actor, t } = locals.ctx;
	const c = await getConsultationBySlug(db, slug, actor);
	if (!c || !c.modules.includes('ideas')) error(404, t('ideas.errors.notFound'));
	return c;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, now } = locals.ctx;
	const c = await board(locals, params.slug);
	const q = IdeaListQuery.parse(Object.fromEntries(url.searchParams));
	const rules = await loadBoardRules(db, c.id);
	const [list, groups, mayRespond] = await Promise.all([
		listIdeas(db, c.id, q, rules, now, PAGE_SIZE),
		areaPickerGroups(db, c.areaIds),
		mayRespondIn(db, actor, c.id)
	]);
	return {
		consultation: {
			slug: c.slug,
			title: c.title,
			categories: c.categories.map((k) => ({ id: k.id, name: k.name }))
		},
		areaGroups: groups,
		filters: {
			sort: q.sort,
			area: q.area ?? '',
			category: q.category ?? '',
			status: q.status ?? '',
			archived: q.archived,
			page: q.page
		},
		rules: {
			statusPath: rules.statusPath,
			supportThreshold: rules.supportThreshold,
			responseDays: rules.responseDays,
			postingEndsAt: rules.postingEndsAt,
			supportEndsAt: rules.supportEndsAt,
			archiveAfterDays: rules.archiveAfterDays
		},
		mayPost: isOpen(c, now) && postingProblem(rules, now) === null,
		postingProblem: postingProblem(rules, now),
		signedIn: !!actor,
		canConfigure: c.canManage,
		list: { total: list.total, pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)), items: list.items },
		respond: mayRespond
			? {
					responderName: (actor && (await lastResponderName(db, actor.id))) ?? '',
					done: url.searchParams.has('beantwortet')
				}
			: null,
		tileUrl: locals.ctx.config.tileUrl ?? null,
		tileAttribution: locals.ctx.config.tileAttribution ?? null
	};
};

export const actions: Actions = {
	/** One response to several ideas (planners). */
	answer: async ({ locals, params, request, url }) => {
		const c = await board(locals, params.slug);
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '');
		const values = {
			status: field('status'),
			responseText: field('responseText'),
			nextSteps: field('nextSteps'),
			responderName: field('responderName')
		};
		const ideaIds = form.getAll('ideaId').map(String);
		const r = await answerIdeas(locals.ctx, c.id, { ideaIds, ...values });
		const t = locals.ctx.t;
		if (!r.ok) {
			const errors = r.errors && Object.keys(r.errors).length ? translateFieldErrors(r.errors, t) : {};
			errors.form = t(
				r.code === 'none_selected' || r.code === 'status_not_on_board'
					? `ideas.errors.${r.code === 'none_selected' ? 'noneSelected' : 'statusNotOnBoard'}`
					: `outcomes.errors.${r.code}`
			);
			return fail(r.code === 'forbidden' ? 403 : 400, { kind: 'respond', errors, values, ideaIds });
		}
		const q = IdeaListQuery.parse(Object.fromEntries(url.searchParams));
		const query = ideaListQuery({ ...q, area: q.area, category: q.category, status: q.status });
		redirect(
			303,
			`/beteiligung/${params.slug}/ideen${query ? `${query}&` : '?'}beantwortet=${r.value.count}`
		);
	}
};
