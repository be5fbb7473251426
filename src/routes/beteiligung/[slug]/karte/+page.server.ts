import { error, fail } from '@sveltejs/kit';
import { getConsultationBySlug } from '$lib/server/consultations';
import {
	ADDRESS_MAX,
	areaPickerGroups,
	canModerate,
	consultationAreaShapes,
	consultationBounds,
	createContribution,
	geocodeAddress,
	isOpen,
	ListFilters,
	listContributionsInBox,
	loadConsultationFacts,
	PAGE_SIZE,
	proofFor,
	readContributionForm,
	translateErrors
} from '$lib/server/contributions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, t, now, config } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c) error(404, t('contributions.errors.notFound'));
	const facts = (await loadConsultationFacts(db, { id: c.id }))!;
	const moderator = await canModerate(db, actor, facts);
	const parsed = ListFilters.safeParse(Object.fromEntries(url.searchParams));
	const filters = parsed.success ? parsed.data : ListFilters.parse({});
	const [list, groups, bounds, areaShapes] = await Promise.all([
		listContributionsInBox(
			db,
			c.id,
			null,
			{ categoryId: filters.category || null, areaId: filters.area || null, status: filters.status || null },
			{ includeAll: moderator, limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE }
		),
		areaPickerGroups(db, facts.areaIds),
		consultationBounds(db, facts.areaIds),
		consultationAreaShapes(db, facts.areaIds)
	]);
	return {
		consultation: {
			id: c.id,
			slug: c.slug,
			title: c.title,
			status: c.status,
			allowAnonymous: c.allowAnonymous,
			preModeration: c.preModeration,
			categories: c.categories.map((k) => ({ id: k.id, name: k.name }))
		},
		open: isOpen(facts, now),
		signedIn: !!actor,
		canManage: c.canManage,
		moderator,
		filters: {
			category: filters.category ?? '',
			area: filters.area ?? '',
			status: filters.status ?? '',
			page: filters.page
		},
		list: {
			total: list.total,
			pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
			items: list.items.map((i) => ({
				id: i.id,
				body: i.body,
				status: i.status,
				categoryName: i.categoryName,
				geometryType: i.geometryType,
				areaKeys: i.areaKeys,
				channel: i.channel,
				supportCount: i.supportCount,
				replyCount: i.replyCount,
				createdAt: i.createdAt,
				hiddenReason: i.hiddenReason
			}))
		},
		groups,
		bounds,
		areaShapes,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null,
		geocoder: !!config.geocoderUrl,
		proof: proofFor(locals.ctx)
	};
};

/** Residents' contributions (online). Analog entry by staff has its own page: ../erfassen. */
async function submit(locals: App.Locals, slug: string, request: Request, kind: 'create') {
	const ctx = locals.ctx;
	const c = await getConsultationBySlug(ctx.db, slug, ctx.actor);
	if (!c) error(404, ctx.t('contributions.errors.notFound'));
	const form = await readContributionForm(await request.formData());
	form.input.channel = 'online';
	const refuse = (errors: Record<string, string>) =>
		fail(400, { kind, errors, values: form.values, areaIds: form.areaIds, photoSlots: form.photoSlots });
	// An address instead of a map point, where a geocoder is configured.
	let geocoded = false;
	if (form.address && !form.input.geometry && ctx.config.geocoderUrl) {
		if (form.address.length > ADDRESS_MAX)
			return refuse({
				address: ctx.t('contributions.errors.addressTooLong'),
				form: ctx.t('contributions.errors.invalid')
			});
		const bounds = await consultationBounds(
			ctx.db,
			c.areas.map((a) => a.id)
		);
		const found = await geocodeAddress(ctx.config.geocoderUrl, form.address, { bounds });
		if (!found.ok)
			return refuse({
				address: ctx.t(`contributions.errors.address_${found.code}`),
				form: ctx.t('contributions.errors.invalid')
			});
		form.input.geometry = JSON.stringify({ type: 'Point', coordinates: found.point });
		geocoded = true;
	}
	const result = await createContribution(ctx, c.id, form.input, form.photos);
	if (!result.ok) {
		// A place found for the address: its problem belongs to the address field.
		const { geometry, ...rest } = result.errors ?? {};
		const errors = geocoded && geometry ? { ...rest, address: geometry } : result.errors;
		return fail(result.code === 'rate_limited' ? 429 : 400, {
			kind,
			errors: translateErrors(ctx.t, result.code, errors),
			values: form.values,
			areaIds: form.areaIds,
			photoSlots: form.photoSlots
		});
	}
	return {
		kind,
		created: { id: result.value.id, status: result.value.status, token: result.value.editToken }
	};
}

export const actions: Actions = {
	create: async ({ locals, params, request }) => submit(locals, params.slug, request, 'create')
};
