// The questionnaire builder (surveys-builder): every edit is its own form action (works without
// JavaScript); each re-checks 'surveys.manage' through loadSurveyFor and saves through
// saveSurveyDefinition, which refuses changes that would break collected answers.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { LOCALES } from '$lib/i18n';
import type { RequestContext } from '$lib/server/core';
import {
	countResponses,
	loadSurveyFor,
	saveSurveyDefinition,
	updateSurveySettings,
	type SaveDefinitionFailure
} from '$lib/server/surveys';
import { QUESTION_TYPES, type QuestionnaireDefinition } from '$lib/questionnaire/definition';
import { fieldsToQuestion, questionToFields, type FormFields } from '$lib/questionnaire/builder-form';
import {
	addQuestion,
	danglingReferences,
	duplicateQuestion,
	isQuestionType,
	moveQuestion,
	moveQuestionTo,
	newQuestion,
	removeQuestion,
	replaceQuestion
} from '$lib/questionnaire/edits';
import type { Actions, PageServerLoad } from './$types';

const KEY = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);

async function editable(ctx: RequestContext, slug: string, id: string) {
	const found = z.uuid().safeParse(id).success ? await loadSurveyFor(ctx, id, 'surveys.manage') : null;
	// A survey of another consultation, or one the actor may not manage, looks missing.
	if (!found || found.consultation.slug !== slug) error(404, ctx.t('surveysBuilder.notFound'));
	return found;
}

function here(slug: string, id: string, query = '', hash = '') {
	return `/beteiligung/${slug}/befragung/${id}/bearbeiten${query ? `?${query}` : ''}${hash}`;
}

/** A refused save as the page shows it: translated reasons, what was typed kept by the caller. */
function refusal(ctx: RequestContext, r: SaveDefinitionFailure) {
	const t = ctx.t;
	if (r.code === 'breaking')
		return {
			refused: t('surveysBuilder.refused.breaking', { count: r.responses }),
			reasons: r.changes.map((c) => t(`surveysBuilder.${c.reason}`, { key: c.key, ref: c.ref ?? '' }))
		};
	if (r.code === 'problems')
		return {
			refused: t('surveysBuilder.refused.problems'),
			reasons: r.problems.map((p) => t(`surveysBuilder.${p.reason}`, { key: p.key, ref: p.ref ?? '' }))
		};
	return { refused: t('surveysBuilder.refused.invalid'), reasons: [] as string[] };
}

async function apply(
	ctx: RequestContext,
	slug: string,
	id: string,
	edit: (def: QuestionnaireDefinition) => QuestionnaireDefinition
) {
	const found = await editable(ctx, slug, id);
	const next = edit(found.survey.definition);
	const r = await saveSurveyDefinition(ctx, id, next);
	if (!r.ok && r.code === 'not_found') error(404, ctx.t('surveysBuilder.notFound'));
	return { r, next };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = locals.ctx;
	const { survey, consultation } = await editable(ctx, params.slug, params.id);
	const def = survey.definition;
	const editKey = url.searchParams.get('frage');
	const editing = def.questions.find((q) => q.key === editKey) ?? null;
	const removeKey = url.searchParams.get('entfernen');
	const moved = url.searchParams.get('verschoben');
	const movedAt = def.questions.findIndex((q) => q.key === moved);
	const levels = await ctx.db.selectFrom('area_level').select(['key', 'name']).orderBy('rank').execute();
	const width = url.searchParams.get('breite') === 'desktop' ? 'desktop' : 'phone';
	const lang = LOCALES.find((l) => l === url.searchParams.get('sprache')) ?? 'de';
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			status: survey.status,
			intro: survey.intro,
			introEasy: survey.introEasy
		},
		consultation: { slug: consultation.slug, title: consultation.title },
		questions: def.questions,
		responses: await countResponses(ctx.db, survey.id),
		editing: editing ? { key: editing.key, type: editing.type, fields: questionToFields(editing) } : null,
		removing: def.questions.find((q) => q.key === removeKey)?.key ?? null,
		announce:
			movedAt >= 0
				? ctx.t('surveysBuilder.moved', { key: moved, position: movedAt + 1, total: def.questions.length })
				: '',
		saved: url.searchParams.get('gespeichert') ?? '',
		problems: danglingReferences(def).map((p) =>
			ctx.t(`surveysBuilder.${p.reason}`, { key: p.key, ref: p.ref ?? '' })
		),
		types: [...QUESTION_TYPES],
		levels,
		preview: { width, lang }
	};
};

function fieldsOf(data: FormData): FormFields {
	const out: FormFields = {};
	for (const [k, v] of data) if (typeof v === 'string') out[k] = v.slice(0, 20_000);
	return out;
}

export const actions: Actions = {
	add: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		// The person first: a survey they may not manage looks missing, whatever was posted.
		await editable(ctx, params.slug, params.id);
		const data = await request.formData();
		const type = String(data.get('type') ?? '');
		const text = String(data.get('text') ?? '').slice(0, 4000);
		if (!isQuestionType(type))
			return fail(400, { addError: ctx.t('surveysBuilder.add.typeInvalid'), addText: text });
		let key = '';
		const { r } = await apply(ctx, params.slug, params.id, (def) => {
			const q = newQuestion(def, type, text);
			key = q.key;
			return addQuestion(def, q);
		});
		if (!r.ok) return fail(400, { ...refusal(ctx, r), addText: text });
		redirect(303, here(params.slug, params.id, `frage=${key}`, '#editor'));
	},

	move: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		// The person first: a survey they may not manage looks missing, whatever was posted.
		await editable(ctx, params.slug, params.id);
		const data = await request.formData();
		const key = KEY.safeParse(data.get('key'));
		const position = z.coerce.number().int().min(0).max(500).safeParse(data.get('position'));
		const by = data.get('dir') === 'up' ? -1 : 1;
		if (!key.success) return fail(400, { refused: ctx.t('surveysBuilder.refused.invalid'), reasons: [] });
		const { r } = await apply(ctx, params.slug, params.id, (def) =>
			data.has('position') && position.success
				? moveQuestionTo(def, key.data, position.data)
				: moveQuestion(def, key.data, by)
		);
		if (!r.ok) return fail(400, refusal(ctx, r));
		redirect(303, here(params.slug, params.id, `verschoben=${key.data}`, `#q-${key.data}`));
	},

	duplicate: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		// The person first: a survey they may not manage looks missing, whatever was posted.
		await editable(ctx, params.slug, params.id);
		const key = KEY.safeParse((await request.formData()).get('key'));
		if (!key.success) return fail(400, { refused: ctx.t('surveysBuilder.refused.invalid'), reasons: [] });
		let copyKey = '';
		const { r } = await apply(ctx, params.slug, params.id, (def) => {
			const next = duplicateQuestion(def, key.data);
			copyKey = next.questions[next.questions.findIndex((q) => q.key === key.data) + 1]?.key ?? '';
			return next;
		});
		if (!r.ok) return fail(400, refusal(ctx, r));
		redirect(303, here(params.slug, params.id, `frage=${copyKey}`, '#editor'));
	},

	remove: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		// The person first: a survey they may not manage looks missing, whatever was posted.
		await editable(ctx, params.slug, params.id);
		const data = await request.formData();
		const key = KEY.safeParse(data.get('key'));
		if (!key.success) return fail(400, { refused: ctx.t('surveysBuilder.refused.invalid'), reasons: [] });
		// The confirmation: without confirm=yes nothing is removed.
		if (data.get('confirm') !== 'yes')
			redirect(303, here(params.slug, params.id, `entfernen=${key.data}`, '#confirm'));
		const { r } = await apply(ctx, params.slug, params.id, (def) => removeQuestion(def, key.data));
		if (!r.ok) return fail(400, refusal(ctx, r));
		redirect(303, here(params.slug, params.id, `gespeichert=${key.data}`));
	},

	save: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		// The person first: a survey they may not manage looks missing, whatever was posted.
		await editable(ctx, params.slug, params.id);
		const fields = fieldsOf(await request.formData());
		const orig = KEY.safeParse(fields.orig);
		const type = fields.type;
		if (!orig.success || !isQuestionType(type))
			return fail(400, { refused: ctx.t('surveysBuilder.refused.invalid'), reasons: [] });
		const parsed = fieldsToQuestion(fields, type);
		if (!parsed.ok)
			return fail(400, {
				editKey: orig.data,
				values: fields,
				errors: Object.fromEntries(
					Object.entries(parsed.errors).map(([f, k]) => [f, ctx.t(`surveysBuilder.${k}`)])
				)
			});
		// A key another question already has is refused here, with what was typed kept.
		const { survey } = await editable(ctx, params.slug, params.id);
		const taken = survey.definition.questions.some(
			(q) => q.key !== orig.data && q.key.toLowerCase() === parsed.question.key.toLowerCase()
		);
		if (taken)
			return fail(400, {
				editKey: orig.data,
				values: fields,
				errors: { key: ctx.t('surveysBuilder.form.keyTaken') }
			});
		const { r } = await apply(ctx, params.slug, params.id, (def) =>
			replaceQuestion(def, orig.data, parsed.question)
		);
		if (!r.ok) return fail(400, { ...refusal(ctx, r), editKey: orig.data, values: fields });
		redirect(
			303,
			here(params.slug, params.id, `gespeichert=${parsed.question.key}`, `#q-${parsed.question.key}`)
		);
	},

	intro: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		// The person first: a survey they may not manage looks missing, whatever was posted.
		await editable(ctx, params.slug, params.id);
		const { survey } = await editable(ctx, params.slug, params.id);
		const data = await request.formData();
		const intro = String(data.get('intro') ?? '');
		const introEasy = String(data.get('introEasy') ?? '');
		const r = await updateSurveySettings(ctx, survey.id, {
			title: survey.title,
			intro,
			introEasy,
			accessMode: survey.accessMode,
			anonymous: survey.anonymous,
			layout: survey.layout,
			opensAt: survey.opensAt ?? '',
			closesAt: survey.closesAt ?? '',
			areaId: survey.areaId ?? ''
		});
		if (!r.ok) return fail(400, { introError: ctx.t('surveysBuilder.intro.invalid'), intro, introEasy });
		redirect(303, here(params.slug, params.id, 'gespeichert=intro', '#intro'));
	}
};
