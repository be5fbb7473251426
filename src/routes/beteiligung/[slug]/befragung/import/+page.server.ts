// Import a LimeSurvey survey structure (.lss) into this consultation: upload → preview (what was and
// was not mapped) → confirm. The confirmed file travels back compressed in a hidden field and is read
// again on the server (nothing is trusted from the browser); the import is one transaction.
import { error, fail, redirect } from '@sveltejs/kit';
import { gunzipSync, gzipSync } from 'fflate';
import { can } from '$lib/server/auth/permissions';
import { consultationRef } from '$lib/server/consultations/ref';
import type { RequestContext } from '$lib/server/core';
import { importLssSurvey, readLssFile } from '$lib/server/surveys';
import { LSS_MAX_BYTES, type LssImport } from '$lib/questionnaire/lss';
import type { Actions, PageServerLoad } from './$types';

async function managed(ctx: RequestContext, slug: string) {
	const c = await consultationRef(ctx, { slug });
	if (!c || !can(ctx.actor, 'surveys.manage', c.subject)) error(404, ctx.t('surveysBuilder.notFound'));
	return c;
}

function summary(ctx: RequestContext, v: LssImport) {
	return {
		title: v.title,
		languages: v.languages.map((l) => ctx.t(`surveysBuilder.languages.${l}`)),
		groups: v.groups,
		questions: v.definition.questions.filter((q) => q.type !== 'page_break').length,
		mapped: v.mapped.map((m) => ({ key: m.key, from: m.from, to: ctx.t(`surveysBuilder.types.${m.to}`) })),
		notMapped: v.notMapped.map((n) => ({
			code: n.code,
			reason: ctx.t(`surveysBuilder.${n.reason}`, { detail: n.detail ?? '' })
		}))
	};
}

function decode(packed: string): Uint8Array | null {
	try {
		const bytes = gunzipSync(Uint8Array.from(Buffer.from(packed, 'base64')));
		return bytes.byteLength <= LSS_MAX_BYTES ? bytes : null;
	} catch {
		return null;
	}
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const c = await managed(locals.ctx, params.slug);
	return { consultation: { slug: c.slug, title: c.title }, maxMb: LSS_MAX_BYTES / 1_000_000 };
};

export const actions: Actions = {
	preview: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		await managed(ctx, params.slug);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: ctx.t('surveysBuilder.lss.error.empty') });
		if (file.size > LSS_MAX_BYTES) return fail(400, { error: ctx.t('surveysBuilder.lss.error.tooLarge') });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const read = readLssFile(bytes);
		if (!read.ok) return fail(400, { error: ctx.t(`surveysBuilder.${read.error}`) });
		return {
			preview: summary(ctx, read.value),
			packed: Buffer.from(gzipSync(bytes)).toString('base64'),
			name: file.name.slice(0, 200)
		};
	},

	confirm: async ({ locals, params, request }) => {
		const ctx = locals.ctx;
		const c = await managed(ctx, params.slug);
		const bytes = decode(String((await request.formData()).get('packed') ?? ''));
		const read = bytes ? readLssFile(bytes) : null;
		if (!read?.ok)
			return fail(400, {
				error: ctx.t(`surveysBuilder.lss.error.${read ? read.error.split('.').pop() : 'empty'}`)
			});
		const r = await importLssSurvey(ctx, c.id, read.value);
		if (!r.ok) error(404, ctx.t('surveysBuilder.notFound'));
		redirect(303, `/beteiligung/${c.slug}/befragung/${r.value.id}/bearbeiten?gespeichert=import`);
	}
};
