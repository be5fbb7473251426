import { error, fail, redirect } from '@sveltejs/kit';
import { postingProblem } from '$lib/ideas/rules';
import { areaPickerGroups, consultationAreaShapes } from '$lib/server/areas';
import { MAX_PHOTO_BYTES, type PhotoInput } from '$lib/server/contributions';
import { getConsultationBySlug, isOpen } from '$lib/server/consultations';
import { megabytes, readFormData } from '$lib/server/http/form-data';
import { createIdea, findSimilarIdeas, ideaErrors, loadBoardRules, SimilarQuery } from '$lib/server/ideas';
import type { Actions, PageServerLoad } from './$types';

async function board(locals: App.Locals, slug: string) {
	const { db, actor, t } = locals.ctx;
	const c = await getConsultationBySlug(db, slug, actor);
	if (!c || !c.modules.includes('ideas')) error(404, t('ideas.errors.notFound'));
	return c;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, now, config } = locals.ctx;
	const c = await board(locals, params.slug);
	const rules = await loadBoardRules(db, c.id);
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	const [groups, areaShapes] = await Promise.all([
		areaPickerGroups(db, c.areaIds),
		consultationAreaShapes(db, c.areaIds)
	]);
	return {
		consultation: {
			slug: c.slug,
			title: c.title,
			categories: c.categories.map((k) => ({ id: k.id, name: k.name }))
		},
		open: isOpen(c, now) && postingProblem(rules, now) === null,
		groups,
		areaShapes,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null,
		maxPhotoBytes: MAX_PHOTO_BYTES
	};
};

const FIELDS = ['title', 'body', 'categoryId', 'lon', 'lat', 'areaId', 'alt1', 'alt2', 'alt3'] as const;

async function read(request: Request) {
	const read = await readFormData(request);
	if (!read.ok) return null;
	const form = read.form;
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.slice(0, 10_000) : '';
	};
	const values: Record<string, string> = {};
	for (const name of FIELDS) values[name] = text(name);
	const photos: PhotoInput[] = [];
	for (const n of [1, 2, 3]) {
		const file = form.get(`photo${n}`);
		if (file instanceof File && file.size > 0)
			photos.push({ data: new Uint8Array(await file.arrayBuffer()), altText: text(`alt${n}`) });
	}
	return { values, photos, website: text('website') };
}

export const actions: Actions = {
	/** Without JavaScript: "Ähnliche prüfen" shows the similar ideas and keeps what was typed. */
	similar: async ({ locals, params, request, url }) => {
		const c = await board(locals, params.slug);
		// Ideas are posted signed in (as the page says): nobody anonymous gets to the input.
		if (!locals.ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		const form = await read(request);
		if (!form)
			return fail(413, {
				errors: {
					form: locals.ctx.t('core.upload.requestTooLarge', {
						mb: megabytes(locals.ctx.config.bodySizeLimit)
					})
				},
				values: {} as Record<string, string>
			});
		const q = SimilarQuery.parse({
			title: form.values.title,
			body: form.values.body,
			lon: form.values.lon,
			lat: form.values.lat
		});
		const similar = await findSimilarIdeas(locals.ctx.db, c.id, {
			text: `${q.title} ${q.body}`,
			lon: q.lon,
			lat: q.lat
		});
		return { similar, values: form.values, checked: true };
	},
	create: async ({ locals, params, request, url }) => {
		const ctx = locals.ctx;
		const c = await board(locals, params.slug);
		if (!ctx.actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		const form = await read(request);
		if (!form)
			return fail(413, {
				errors: { form: ctx.t('core.upload.requestTooLarge', { mb: megabytes(ctx.config.bodySizeLimit) }) },
				values: {} as Record<string, string>
			});
		const r = await createIdea(ctx, c.id, { ...form.values, website: form.website }, form.photos);
		if (!r.ok)
			return fail(r.code === 'rate_limited' ? 429 : r.code === 'login_required' ? 401 : 400, {
				errors: ideaErrors(ctx.t, r.code, r.errors),
				values: form.values
			});
		redirect(303, `/beteiligung/${params.slug}/ideen/${r.value.id}?neu=1`);
	}
};
