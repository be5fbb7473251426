import { error, fail, redirect } from '@sveltejs/kit';
import {
	commandErrorMessage,
	createConsultation,
	emptyFormValues,
	listCreatableAreaChoices,
	mayCreateSomewhere,
	readConsultationSubmission
} from '$lib/server/consultations';
import { registry } from '$lib/server/participation/registry';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db, actor, t } = locals.ctx;
	if (!actor) redirect(303, '/anmelden?weiter=%2Fbeteiligung%2Fneu');
	if (!mayCreateSomewhere(actor)) error(403, t('core.error.forbidden'));
	return {
		areaGroups: await listCreatableAreaChoices(db, actor),
		modules: registry.moduleInfos(),
		values: emptyFormValues()
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const ctx = locals.ctx;
		if (!ctx.actor) redirect(303, '/anmelden?weiter=%2Fbeteiligung%2Fneu');
		// The person first (as the page does): someone who may create nowhere never gets to the input.
		if (!mayCreateSomewhere(ctx.actor)) error(403, ctx.t('core.error.forbidden'));
		const submission = await readConsultationSubmission(await request.formData(), ctx.t);
		if (!submission.ok) return fail(400, { errors: submission.errors, values: submission.values });
		// createConsultation authorizes 'consultation.create' with the chosen areas' ancestry itself.
		const result = await createConsultation(ctx, submission.input, submission.image);
		if (!result.ok) {
			const field =
				result.code === 'slug_taken'
					? 'slug'
					: result.code === 'forbidden' || result.code === 'unknown_area'
						? 'areaIds'
						: 'form';
			return fail(result.code === 'forbidden' ? 403 : 400, {
				errors: { [field]: commandErrorMessage(ctx.t, result.code) },
				values: submission.values
			});
		}
		redirect(303, `/beteiligung/${result.value.slug}/bearbeiten?angelegt=1`);
	}
};
