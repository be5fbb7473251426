import { error, fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import {
	getIndicator,
	indicatorFormValues,
	indicatorYears,
	indicatorTranslationView,
	listIndicatorValueSample,
	saveIndicatorTranslation,
	updateIndicator
} from '$lib/server/indicators';
import { translateFieldErrors } from '$lib/server/core';
import { partOptions, readIndicatorForm } from '../form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	authorize(locals.ctx, 'indicator.manage', undefined, url.pathname);
	const indicator = await getIndicator(locals.ctx.db, params.id);
	if (!indicator) error(404, locals.ctx.t('core.error.notFound'));
	const years = await indicatorYears(locals.ctx.db, indicator.id);
	const requested = Number(url.searchParams.get('jahr'));
	const year = years.includes(requested) ? requested : years.at(-1);
	return {
		indicator,
		values: indicatorFormValues(indicator),
		parts: await partOptions(locals.ctx, indicator.id),
		years,
		year: year ?? null,
		sample:
			year === undefined
				? []
				: await listIndicatorValueSample(locals.ctx.db, indicator.id, { year, limit: 300 }),
		message: url.searchParams.get('meldung'),
		translations: {
			...(await indicatorTranslationView(locals.ctx.db, indicator.id, url.searchParams.get('sprache')))!,
			saved: url.searchParams.get('uebersetzt')
		}
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const { t } = locals.ctx;
		const form = readIndicatorForm(await request.formData(), t);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await updateIndicator(locals.ctx, params.id, form.data);
		if (!result.ok) {
			if (result.code === 'not_found') error(404, t('core.error.notFound'));
			const errors: Record<string, string> =
				result.code === 'key_taken'
					? { key: t('indicators.form.keyTaken') }
					: { numeratorId: t('indicators.form.invalidParts') };
			return fail(400, { errors, values: form.values });
		}
		redirect(303, `/admin/indikatoren/${params.id}?meldung=gespeichert`);
	},
	// Name, unit and description in one other language (German stays the fallback).
	translate: async ({ locals, params, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const { t } = locals.ctx;
		const form = Object.fromEntries(
			[...(await request.formData()).entries()].filter(([, v]) => typeof v === 'string')
		) as Record<string, string>;
		const result = await saveIndicatorTranslation(locals.ctx, params.id, form);
		if (!result.ok) {
			if (result.code === 'not_found') error(404, t('core.error.notFound'));
			return fail(400, {
				translationErrors: translateFieldErrors(
					{ ...(result.errors ?? {}), form: 'indicators.form.errorSummary' },
					t
				),
				translationValues: form
			});
		}
		const language = result.value.language;
		redirect(
			303,
			`/admin/indikatoren/${params.id}?sprache=${language}&uebersetzt=${language}#uebersetzungen`
		);
	}
};
