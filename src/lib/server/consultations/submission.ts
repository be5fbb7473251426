// Reads a submitted consultation form (fields + optional image) for the create and edit actions.
// The image is checked by its content (magic bytes) and size; an image needs an alt text.
import { cleanImage } from '../uploads/images';
import type { TFunction } from '$lib/i18n';
import type { ImageFile } from './context';
import {
	MAX_IMAGE_BYTES,
	parseConsultationForm,
	readFormValues,
	type ConsultationFormValues,
	type ConsultationInput
} from './schemas';

export type ConsultationSubmission =
	| { ok: true; input: ConsultationInput; image: ImageFile | null; values: ConsultationFormValues }
	| { ok: false; errors: Record<string, string>; values: ConsultationFormValues };

export async function readConsultationSubmission(
	form: FormData,
	t: TFunction
): Promise<ConsultationSubmission> {
	const values = readFormValues(form);
	const parsed = parseConsultationForm(values);
	const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
	let image: ImageFile | null = null;
	const file = form.get('image');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_IMAGE_BYTES) errors.image = 'consultations.error.image_size';
		else {
			// No EXIF (camera position, owner) in a published image.
			const clean = cleanImage(new Uint8Array(await file.arrayBuffer()));
			if (clean.ok) image = { bytes: clean.data, contentType: clean.contentType };
			else errors.image = `consultations.error.image_${clean.code}`;
		}
		if (!values.imageAlt.trim()) errors.imageAlt = 'consultations.error.image_alt';
	}
	if (!parsed.ok || Object.keys(errors).length > 0) {
		const translated: Record<string, string> = {};
		for (const [k, v] of Object.entries(errors)) translated[k] = t(v);
		return { ok: false, errors: translated, values };
	}
	return { ok: true, input: parsed.data, image, values };
}

/** A command's failure code as a message (with the missing fields for publishing). */
export function commandErrorMessage(t: TFunction, code: string, missing?: string[]): string {
	if (code === 'incomplete')
		return t('consultations.error.incomplete', {
			fields: (missing ?? []).map((f) => t(`consultations.field.${f}`)).join(', ')
		});
	return t(`consultations.error.${code}`);
}
