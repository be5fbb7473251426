import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	createReply,
	deleteContribution,
	editContribution,
	getContribution,
	moderateContribution,
	reportContribution,
	reportErrorCode,
	toggleSupport,
	translateErrors
} from '$lib/server/contributions';
import type { DrawnGeometry } from '$lib/components/contributions/drawn-geometry';
import { consultationAreaShapes } from '$lib/server/areas';
import { eventOfResult } from '$lib/server/events';
import { consultationRef, isOpen, isPublic, mayModerate } from '$lib/server/consultations';
import { translateFieldErrors } from '$lib/server/core';
import { proofFor } from '$lib/server/participation';
import {
	getOutcome,
	lastResponderName,
	mayRespondIn,
	respondToItem
} from '$lib/server/participation/outcomes';
import {
	ideasLinkedToResult,
	linkableIdeas,
	linkableResult,
	linkResultToIdea,
	unlinkResultFromIdea
} from '$lib/server/ideas';
import {
	linkItem,
	manageableMeasures,
	measuresFor,
	translateErrors as measureErrors
} from '$lib/server/measures';
import type { Actions, PageServerLoad } from './$types';

const Id = z.uuid();

async function loadFor(locals: App.Locals, slug: string, id: string) {
	const ctx = locals.ctx;
	const facts = await consultationRef(ctx, { slug });
	if (!facts || !Id.safeParse(id).success) error(404, ctx.t('contributions.errors.notFound'));
	const moderator = mayModerate(ctx.actor, facts);
	if (!isPublic(facts) && !moderator) error(404, ctx.t('contributions.errors.notFound'));
	const c = await getContribution(ctx, id);
	if (!c || c.consultationId !== facts.id || c.parentId) error(404, ctx.t('contributions.errors.notFound'));
	if (c.status === 'pending' && !c.isMine && !moderator) error(404, ctx.t('contributions.errors.notFound'));
	return { facts, moderator, c };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { facts, moderator, c } = await loadFor(locals, params.slug, params.id);
	const visible = c.status === 'published' || c.status === 'pending';
	const { db, actor } = locals.ctx;
	const mayRespond = c.status === 'published' && (await mayRespondIn(db, actor, facts.id));
	// Issue 11: a workshop result names the ideas it supports; its consultation's managers link them.
	const workshop = c.status === 'published' && c.channel === 'workshop';
	const mayLink = workshop && !!(await linkableResult(locals.ctx, c.id));
	const measures =
		c.status === 'published' ? ((await measuresFor(db, 'contribution', [c.id])).get(c.id) ?? []) : [];
	// ... and the measures it led to can be linked from here too (the measure side has its own form)
	const measureChoices = mayLink
		? (await manageableMeasures(locals.ctx)).filter((m) => !measures.some((x) => x.id === m.id))
		: [];
	return {
		measureLink: mayLink ? { measures: measureChoices, done: url.searchParams.has('massnahme') } : null,
		fromEvent: workshop ? await eventOfResult(db, c.id) : null,
		linkedIdeas: workshop ? await ideasLinkedToResult(db, c.id) : [],
		ideaLink: mayLink
			? { ideas: await linkableIdeas(db, facts.id), done: url.searchParams.has('verknuepft') }
			: null,
		measures,
		outcome: await getOutcome(db, 'contribution', c.id),
		respond: mayRespond
			? {
					responderName: (actor && (await lastResponderName(db, actor.id))) ?? '',
					done: url.searchParams.has('rueckmeldung')
				}
			: null,
		consultation: { slug: facts.slug, title: facts.title, allowAnonymous: facts.allowAnonymous },
		areaShapes: await consultationAreaShapes(locals.ctx.db, facts.areaIds),
		tileUrl: locals.ctx.config.tileUrl ?? null,
		tileAttribution: locals.ctx.config.tileAttribution ?? null,
		open: isOpen(facts, locals.ctx.now),
		signedIn: !!locals.ctx.actor,
		moderator,
		proof: proofFor(locals.ctx),
		contribution: {
			id: c.id,
			status: c.status,
			body: visible ? c.body : '',
			hiddenReason: c.status === 'hidden' ? c.hiddenReason : null,
			categoryName: c.categoryName,
			geometryType: c.geometryType,
			geometry: visible ? (c.geometry as DrawnGeometry | null) : null,
			channel: c.channel,
			collectedOn: c.collectedOn,
			authorName: c.channel === 'online' ? c.authorName : null,
			createdAt: c.createdAt,
			editedAt: c.editedAt,
			supportCount: c.supportCount,
			replyCount: c.replyCount,
			supportedByMe: c.supportedByMe,
			isMine: c.isMine,
			areas: c.areas.map((a) => ({ key: a.key, name: a.name, level: a.level })),
			photos: visible ? c.photos : [],
			replies: c.replies
		}
	};
};

function errorsFor(locals: App.Locals, kind: string, code: string, errors?: Record<string, string>) {
	return { kind, errors: translateErrors(locals.ctx.t, code, errors) };
}

export const actions: Actions = {
	support: async ({ locals, params }) => {
		await loadFor(locals, params.slug, params.id);
		const r = await toggleSupport(locals.ctx, params.id);
		if (!r.ok) return fail(r.code === 'login_required' ? 401 : 400, errorsFor(locals, 'support', r.code));
		return { kind: 'support', supported: r.value.supported };
	},
	report: async ({ locals, params, request }) => {
		const { c } = await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		// The contribution itself, or one of its replies.
		const target = String(form.get('id') ?? '') || params.id;
		if (target !== params.id && !c.replies.some((r) => r.id === target))
			return fail(404, { ...errorsFor(locals, 'report', 'not_found'), target });
		const r = await reportContribution(locals.ctx, target, { reason: String(form.get('reason') ?? '') });
		if (!r.ok)
			return fail(r.code === 'rate_limited' ? 429 : 400, {
				...errorsFor(locals, 'report', reportErrorCode(r.code), r.errors),
				target
			});
		return { kind: 'report', alreadyReported: r.value.alreadyReported, target };
	},
	reply: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const input = {
			body: String(form.get('body') ?? ''),
			website: String(form.get('website') ?? ''),
			powChallenge: String(form.get('powChallenge') ?? ''),
			powNonce: String(form.get('powNonce') ?? '')
		};
		const r = await createReply(locals.ctx, params.id, input);
		if (!r.ok)
			return fail(r.code === 'rate_limited' ? 429 : 400, {
				...errorsFor(locals, 'reply', r.code, r.errors),
				body: input.body
			});
		return { kind: 'reply', replyToken: r.value.editToken, replyId: r.value.id };
	},
	edit: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const body = String(form.get('body') ?? '');
		const r = await editContribution(locals.ctx, params.id, { body });
		if (!r.ok) return fail(400, { ...errorsFor(locals, 'edit', r.code, r.errors), body });
		return { kind: 'edit', saved: true };
	},
	moderate: async ({ locals, params, request }) => {
		const { c } = await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const input = { action: String(form.get('action') ?? ''), reason: String(form.get('reason') ?? '') };
		// The contribution itself, or one of its replies.
		const target = String(form.get('id') ?? '') || params.id;
		if (target !== params.id && !c.replies.some((r) => r.id === target))
			return fail(404, { ...errorsFor(locals, 'moderate', 'not_found'), target });
		const r = await moderateContribution(locals.ctx, target, input);
		if (!r.ok)
			return fail(r.code === 'forbidden' ? 403 : 400, {
				...errorsFor(locals, 'moderate', r.code, r.errors),
				target
			});
		return { kind: 'moderate', moderated: input.action, target };
	},
	respond: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '');
		const values = {
			status: field('status'),
			responseText: field('responseText'),
			nextSteps: field('nextSteps'),
			responderName: field('responderName'),
			expectedStatus: field('expectedStatus')
		};
		const r = await respondToItem(locals.ctx, { itemType: 'contribution', itemId: params.id, ...values });
		if (!r.ok) {
			const t = locals.ctx.t;
			const errors = r.errors ? translateFieldErrors(r.errors, t) : { form: t(`outcomes.errors.${r.code}`) };
			return fail(r.code === 'forbidden' ? 403 : r.code === 'conflict' ? 409 : 400, {
				kind: 'respond',
				errors,
				values
			});
		}
		redirect(303, `/beteiligung/${params.slug}/beitrag/${params.id}?rueckmeldung=1#outcome-heading`);
	},
	linkIdea: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const ideaId = String((await request.formData()).get('ideaId') ?? '');
		// the command checks the permission (a forbidden result looks like a missing one)
		const r = await linkResultToIdea(locals.ctx, { contributionId: params.id, ideaId });
		if (!r.ok)
			return fail(r.code === 'not_found' ? 404 : r.code === 'already_linked' ? 409 : 400, {
				...errorsFor(locals, 'linkIdea', r.code, r.errors),
				ideaId
			});
		redirect(303, `/beteiligung/${params.slug}/beitrag/${params.id}?verknuepft=1#ideas-heading`);
	},
	linkMeasure: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const measureId = String((await request.formData()).get('measureId') ?? '');
		const t = locals.ctx.t;
		if (!/^[0-9a-f-]{36}$/i.test(measureId))
			return fail(400, {
				kind: 'linkMeasure',
				errors: { measureId: t('measures.errors.pickMeasure') },
				measureId
			});
		// linkItem checks that the actor may maintain the measure and that this input is public
		const r = await linkItem(locals.ctx, measureId, { itemType: 'contribution', reference: params.id });
		if (!r.ok)
			return fail(r.code === 'not_found' ? 404 : 400, {
				kind: 'linkMeasure',
				errors: {
					measureId:
						r.code === 'not_found'
							? t('measures.errors.pickMeasure')
							: (measureErrors(r.errors, t).reference ?? t('measures.errors.itemReference'))
				},
				measureId
			});
		redirect(303, `/beteiligung/${params.slug}/beitrag/${params.id}?massnahme=1#ideas-heading`);
	},
	unlinkIdea: async ({ locals, params, request }) => {
		await loadFor(locals, params.slug, params.id);
		const ideaId = String((await request.formData()).get('ideaId') ?? '');
		const r = await unlinkResultFromIdea(locals.ctx, { contributionId: params.id, ideaId });
		if (!r.ok)
			return fail(r.code === 'not_found' ? 404 : 400, errorsFor(locals, 'linkIdea', r.code, r.errors));
		redirect(303, `/beteiligung/${params.slug}/beitrag/${params.id}#ideas-heading`);
	},
	delete: async ({ locals, params }) => {
		await loadFor(locals, params.slug, params.id);
		const r = await deleteContribution(locals.ctx, params.id);
		if (!r.ok) return fail(400, errorsFor(locals, 'delete', r.code));
		redirect(303, `/beteiligung/${params.slug}/beitrag/${params.id}`);
	}
};
