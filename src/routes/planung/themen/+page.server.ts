// Themes of the planner workspace: the list with counts per area (small numbers suppressed) and the
// synthesis editor. Staff only (themes.workspace); a resident gets "not found".
import { error, fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/auth/permissions';
import { parseForm } from '$lib/server/core';
import {
	areaLevelsWithAreas,
	createTheme,
	deleteTheme,
	listThemes,
	renameTheme,
	taggableConsultations,
	ThemeCreate,
	ThemeDelete,
	ThemeRename,
	ThemeSynthesis,
	themesForReport,
	writeSynthesis
} from '$lib/server/themes';
import type { Actions, PageServerLoad } from './$types';

const DONE = ['created', 'renamed', 'synthesis', 'deleted'] as const;

function workspace(locals: App.Locals) {
	const { actor, t } = locals.ctx;
	if (!can(actor, 'themes.workspace')) error(404, t('themes.error.notFound'));
}

export const load: PageServerLoad = async ({ locals, url }) => {
	workspace(locals);
	const { db, actor, config } = locals.ctx;
	const consultations = await taggableConsultations(locals.ctx);
	const ids = consultations.map((c) => c.id);
	const themes = await listThemes(db, ids);
	const levels = await areaLevelsWithAreas(db);
	const levelKey = url.searchParams.get('ebene') ?? '';
	const level = levels.find((l) => l.key === levelKey) ?? levels[0] ?? null;
	const cityPlanner = can(actor, 'themes.city');
	const summaries =
		level && themes.length
			? await themesForReport(db, {
					areaIds: level.areas.map((a) => a.id),
					themeIds: themes.map((t) => t.id),
					// Staff below city-wide planners count only the input of their own consultations.
					consultationIds: cityPlanner
						? undefined
						: ids.length
							? ids
							: ['00000000-0000-0000-0000-000000000000'],
					smallCountK: config.smallCountK,
					quotes: 0
				})
			: [];
	const done = url.searchParams.get('erledigt');
	return {
		themes,
		consultations: consultations.map((c) => ({ id: c.id, slug: c.slug, title: c.title })),
		cityPlanner,
		levels: levels.map((l) => ({ key: l.key, name: l.name })),
		level: level ? { key: level.key, name: level.name, areas: level.areas } : null,
		counts: summaries.map((s) => ({
			themeId: s.id,
			count: s.count,
			countSuppressed: s.countSuppressed,
			byArea: s.countsByArea
		})),
		k: config.smallCountK,
		done: DONE.find((d) => d === done) ?? null
	};
};

const back = (done: (typeof DONE)[number]) => `/planung/themen?erledigt=${done}`;

export const actions: Actions = {
	create: async ({ locals, request }) => {
		workspace(locals);
		const { t } = locals.ctx;
		const form = parseForm(ThemeCreate, await request.formData(), t);
		if (!form.ok) return fail(400, { action: 'create', errors: form.errors, values: form.values });
		const r = await createTheme(locals.ctx, form.data);
		if (!r.ok) {
			const key = r.code === 'duplicate_name' ? 'themes.error.duplicateName' : 'themes.error.notFound';
			return fail(r.code === 'duplicate_name' ? 400 : 404, {
				action: 'create',
				errors: { name: t(key) },
				values: { name: form.data.name, consultationId: form.data.consultationId ?? '' }
			});
		}
		redirect(303, back('created'));
	},
	rename: async ({ locals, request }) => {
		workspace(locals);
		const { t } = locals.ctx;
		const data = await request.formData();
		const form = parseForm(ThemeRename, data, t);
		const themeId = String(data.get('themeId') ?? '');
		if (!form.ok) return fail(400, { action: 'rename', themeId, errors: form.errors, values: form.values });
		const r = await renameTheme(locals.ctx, form.data);
		if (!r.ok) {
			if (r.code === 'not_found') error(404, t('themes.error.notFound'));
			return fail(400, {
				action: 'rename',
				themeId,
				errors: { name: t('themes.error.duplicateName') },
				values: { name: form.data.name }
			});
		}
		redirect(303, back('renamed'));
	},
	synthesis: async ({ locals, request }) => {
		workspace(locals);
		const { t } = locals.ctx;
		const data = await request.formData();
		const themeId = String(data.get('themeId') ?? '');
		const form = parseForm(ThemeSynthesis, data, t);
		if (!form.ok)
			return fail(400, { action: 'synthesis', themeId, errors: form.errors, values: form.values });
		const r = await writeSynthesis(locals.ctx, form.data);
		if (!r.ok) error(404, t('themes.error.notFound'));
		redirect(303, back('synthesis'));
	},
	delete: async ({ locals, request }) => {
		workspace(locals);
		const { t } = locals.ctx;
		const data = await request.formData();
		const themeId = String(data.get('themeId') ?? '');
		const form = parseForm(ThemeDelete, data, t);
		if (!form.ok) return fail(400, { action: 'delete', themeId, errors: form.errors, values: form.values });
		const r = await deleteTheme(locals.ctx, form.data);
		if (!r.ok) error(404, t('themes.error.notFound'));
		redirect(303, back('deleted'));
	}
};
