import { fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import { CompositeSelection, listIndicatorOverview, setCompositeSelection } from '$lib/server/indicators';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'indicator.manage', undefined, url.pathname);
	const p = url.searchParams;
	return {
		indicators: await listIndicatorOverview(locals.ctx.db),
		message: p.get('meldung'),
		imported:
			p.get('meldung') === 'importiert'
				? {
						values: Number(p.get('werte') ?? 0),
						indicators: Number(p.get('indikatoren') ?? 0),
						created: p.getAll('neu').slice(0, 50)
					}
				: null
	};
};

export const actions: Actions = {
	gesamtindex: async ({ locals, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const form = await request.formData();
		const parsed = CompositeSelection.safeParse({
			indicatorIds: form.getAll('index').filter((v): v is string => typeof v === 'string')
		});
		if (!parsed.success)
			return fail(400, { compositeError: locals.ctx.t('indicators.list.compositeNotEligible') });
		const result = await setCompositeSelection(locals.ctx, parsed.data.indicatorIds);
		if (!result.ok)
			return fail(400, { compositeError: locals.ctx.t('indicators.list.compositeNotEligible') });
		redirect(303, '/admin/indikatoren?meldung=gesamtindex');
	}
};
