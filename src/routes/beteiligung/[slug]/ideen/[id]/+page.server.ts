import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { responseDueAt, supportProblem } from '$lib/ideas/rules';
import { getConsultationBySlug, isOpen } from '$lib/server/consultations';
import { reportErrorCode } from '$lib/server/contributions';
import { translateFieldErrors } from '$lib/server/core';
import {
	answerIdeas,
	commentOnIdea,
	getIdea,
	IDEA_COMMENT_ITEM,
	IDEA_ITEM,
	ideaErrors,
	loadBoardRules,
	resultsLinkedToIdea,
	supportIdea
} from '$lib/server/ideas';
import { moderateItem, reportItem } from '$lib/server/participation/moderation';
import { getOutcome, lastResponderName, mayRespondIn } from '$lib/server/participation/outcomes';
import { isFollowing } from '$lib/server/following';
import { measuresFor } from '$lib/server/measures';
import type { Actions, PageServerLoad } from './$types';

const Id = z.uuid();

/** The list link keeps the list's filters (they came along in the idea's link). */
function backToList(slug: string, url: URL): string {
	const kept = new URLSearchParams();
	for (const key of ['sort', 'area', 'category', 'status', 'archived', 'page']) {
		const v = url.searchParams.get(key);
		if (v) kept.set(key, v.slice(0, 100));
	}
	const q = kept.toString();
	return `/beteiligung/${slug}/ideen${q ? `?${q}` : ''}`;
}

async function loadFor(locals: App.Locals, slug: string, id: string) {
	const { db, actor, t } = locals.ctx;
	const c = await getConsultationBySlug(db, slug, actor);
	if (!c || !c.modules.includes('ideas') || !Id.safeParse(id).success) error(404, t('ideas.errors.notFound'));
	const moderator = c.canModerate;
	const idea = await getIdea(db, id, actor?.id ?? null, { moderator });
	if (!idea || idea.consultationId !== c.id) error(404, t('ideas.errors.notFound'));
	const mine = !!actor && idea.authorId === actor.id;
	if (idea.status === 'pending' && !mine && !moderator) error(404, t('ideas.errors.notFound'));
	return { c, idea, moderator, mine };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { c, idea, moderator, mine } = await loadFor(locals, params.slug, params.id);
	const { db, actor, now } = locals.ctx;
	const rules = await loadBoardRules(db, c.id);
	const outcome = await getOutcome(db, IDEA_ITEM, idea.id);
	const visible = idea.status === 'published' || idea.status === 'pending';
	const mayRespond = idea.status === 'published' && (await mayRespondIn(db, actor, c.id));
	const published = idea.status === 'published';
	return {
		// Issue 10: the measures answering this idea; following it.
		measures: published ? ((await measuresFor(db, 'idea', [idea.id])).get(idea.id) ?? []) : [],
		// Issue 11: the workshop results linked to this idea (public ones only)
		workshopResults: published ? await resultsLinkedToIdea(db, idea.id) : [],
		follow: {
			show: published,
			following: await isFollowing(db, actor?.id ?? null, { type: 'idea', id: idea.id }),
			signedIn: !!actor
		},
		consultation: { slug: c.slug, title: c.title },
		idea: {
			...idea,
			authorId: undefined,
			title: visible ? idea.title : '',
			body: visible ? idea.body : '',
			photos: visible ? idea.photos : [],
			lon: visible ? idea.lon : null,
			lat: visible ? idea.lat : null,
			mine
		},
		outcome,
		dueAt: responseDueAt(rules, idea.thresholdReachedAt, outcome.status),
		supportThreshold: rules.supportThreshold,
		statusPath: rules.statusPath,
		open: isOpen(c, now),
		supportOpen: isOpen(c, now) && supportProblem(rules, now) === null,
		signedIn: !!actor,
		moderator,
		created: url.searchParams.has('neu'),
		back: backToList(c.slug, url),
		respond: mayRespond
			? {
					responderName: (actor && (await lastResponderName(db, actor.id))) ?? '',
					done: url.searchParams.has('rueckmeldung')
				}
			: null,
		tileUrl: locals.ctx.config.tileUrl ?? null,
		tileAttribution: locals.ctx.config.tileAttribution ?? null
	};
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
	support: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		// The button says what it does: a double submit of "Unterstützen" stays one support.
		const want = text(form, 'want');
		const r = await supportIdea(
			locals.ctx,
			params.id,
			want === 'on' ? true : want === 'off' ? false : undefined
		);
		if (!r.ok)
			return fail(r.code === 'login_required' ? 401 : 400, {
				kind: 'support',
				errors: ideaErrors(locals.ctx.t, r.code)
			});
		return { kind: 'support', supported: r.value.supported };
	},
	comment: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const input = {
			body: text(form, 'body'),
			parentId: text(form, 'parentId'),
			website: text(form, 'website')
		};
		const r = await commentOnIdea(locals.ctx, params.id, input);
		if (!r.ok)
			return fail(r.code === 'rate_limited' ? 429 : 400, {
				kind: 'comment',
				target: input.parentId,
				errors: ideaErrors(locals.ctx.t, r.code, r.errors),
				body: input.body
			});
		return { kind: 'comment', commented: r.value.status };
	},
	report: async ({ locals, params, request }) => {
		const { idea } = await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const target = text(form, 'id') || params.id;
		const itemType = target === params.id ? IDEA_ITEM : IDEA_COMMENT_ITEM;
		if (target !== params.id && !idea.comments.some((c) => c.id === target))
			return fail(404, { kind: 'report', target, errors: ideaErrors(locals.ctx.t, 'not_found') });
		const r = await reportItem(locals.ctx, itemType, target, { reason: text(form, 'reason') });
		if (!r.ok)
			return fail(r.code === 'rate_limited' ? 429 : 400, {
				kind: 'report',
				target,
				errors: ideaErrors(locals.ctx.t, reportErrorCode(r.code), r.errors)
			});
		return { kind: 'report', target, alreadyReported: r.value.alreadyReported };
	},
	moderate: async ({ locals, params, request }) => {
		const { idea } = await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const target = text(form, 'id') || params.id;
		const itemType = target === params.id ? IDEA_ITEM : IDEA_COMMENT_ITEM;
		if (target !== params.id && !idea.comments.some((c) => c.id === target))
			return fail(404, { kind: 'moderate', target, errors: ideaErrors(locals.ctx.t, 'not_found') });
		const input = { action: text(form, 'action'), reason: text(form, 'reason') };
		const r = await moderateItem(locals.ctx, itemType, target, input);
		if (!r.ok)
			return fail(r.code === 'forbidden' ? 403 : 400, {
				kind: 'moderate',
				target,
				errors: ideaErrors(locals.ctx.t, r.code, r.errors)
			});
		return { kind: 'moderate', target, moderated: input.action };
	},
	respond: async ({ locals, params, request }) => {
		const { c } = await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const values = {
			status: text(form, 'status'),
			responseText: text(form, 'responseText'),
			nextSteps: text(form, 'nextSteps'),
			responderName: text(form, 'responderName'),
			expectedStatus: text(form, 'expectedStatus')
		};
		const r = await answerIdeas(locals.ctx, c.id, { ideaIds: [params.id], ...values });
		if (!r.ok) {
			const t = locals.ctx.t;
			const errors = r.errors && Object.keys(r.errors).length ? translateFieldErrors(r.errors, t) : {};
			errors.form = t(
				r.code === 'status_not_on_board' ? 'ideas.errors.statusNotOnBoard' : `outcomes.errors.${r.code}`
			);
			return fail(r.code === 'forbidden' ? 403 : r.code === 'conflict' ? 409 : 400, {
				kind: 'respond',
				errors,
				values
			});
		}
		redirect(303, `/beteiligung/${params.slug}/ideen/${params.id}?rueckmeldung=1#outcome-heading`);
	}
};
