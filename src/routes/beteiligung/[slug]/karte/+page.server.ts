import { error, fail } from '@sveltejs/kit';
import {
	ADDRESS_MAX,
	createContribution,
	geocodeAddress,
	ListFilters,
	listContributionsInBox,
	MAX_PHOTO_BYTES,
	PAGE_SIZE,
	readContributionForm,
	translateErrors
} from '$lib/server/contributions';
import { areaPickerGroups, consultationAreaShapes, consultationBounds } from '$lib/server/areas';
import { consultationRef, getConsultationBySlug, isOpen } from '$lib/server/consultations';
import { megabytes, readFormData } from '$lib/server/http/form-data';
import { proofFor } from '$lib/server/participation';
import { summariseOutcomes } from '$lib/server/participation/outcomes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, actor, t, now, config } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c) error(404, t('contributions.errors.notFound'));
	// The page's consultation is the reference every contribution command uses too.
	const facts = c;
	const moderator = c.canModerate;
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
	const outcomes = await summariseOutcomes(
		db,
		'contribution',
		list.items.map((i) => i.id)
	);
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
				hiddenReason: i.hiddenReason,
				outcomeStatus: outcomes.get(i.id)?.status ?? null
			}))
		},
		groups,
		bounds,
		areaShapes,
		tileUrl: config.tileUrl ?? null,
		tileAttribution: config.tileAttribution ?? null,
		geocoder: !!config.geocoderUrl,
		proof: proofFor(locals.ctx),
		maxPhotoBytes: MAX_PHOTO_BYTES
	};
};

/** Residents' contributions (online). Analog entry by staff has its own page: ../erfassen. */
async function submit(locals: App.Locals, slug: string, request: Request, kind: 'create') {
	const ctx = locals.ctx;
	// Memoised for the request: createContribution reads the same reference.
	const c = await consultationRef(ctx, { slug });
	if (!c) error(404, ctx.t('contributions.errors.notFound'));
	const read = await readFormData(request);
	// Over the whole-request limit nothing of the form arrived: say so on the form (the browser's own
	// check keeps the text where JavaScript runs).
	if (!read.ok)
		return fail(413, {
			kind,
			errors: { form: ctx.t('core.upload.requestTooLarge', { mb: megabytes(ctx.config.bodySizeLimit) }) },
			values: {} as Record<string, string>,
			areaIds: [] as string[],
			photoSlots: [] as number[]
		});
	const form = await readContributionForm(read.form);
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
		return fail(result.code === 'rate_limited' ? 429 : result.code === 'storage_full' ? 507 : 400, {
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
