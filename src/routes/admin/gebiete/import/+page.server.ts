import { fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/permissions';
import { formatIssue, MAX_AREA_FILE_BYTES, readAreaSource, storeImportFile } from '$lib/server/area-import';
import { megabytes, readFormData } from '$lib/server/http/form-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	authorize(locals.ctx, 'area.manage', undefined, url.pathname);
	return {
		cancelled: url.searchParams.get('meldung') === 'abgebrochen',
		maxMb: MAX_AREA_FILE_BYTES / 1024 / 1024,
		maxBytes: MAX_AREA_FILE_BYTES
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		authorize(locals.ctx, 'area.manage');
		const { t, config } = locals.ctx;
		const posted = await readFormData(request);
		if (!posted.ok)
			return fail(413, {
				errors: { file: t('core.upload.requestTooLarge', { mb: megabytes(config.bodySizeLimit) }) }
			});
		const form = posted.form;
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name)
			return fail(400, { errors: { file: t('areasImport.wizard.fileMissing') } });
		if (file.size > MAX_AREA_FILE_BYTES)
			return fail(400, {
				errors: {
					file: formatIssue(t, { code: 'too_large', detail: String(MAX_AREA_FILE_BYTES / 1024 / 1024) }, null)
				}
			});
		const bytes = new Uint8Array(await file.arrayBuffer());
		// Checked by content now (GeoJSON parses, ZIP holds a Shapefile or workbook, a table reads), not by name.
		const read = await readAreaSource(bytes);
		if (!read.ok) return fail(400, { errors: { file: formatIssue(t, read.issue, null) } });
		const id = await storeImportFile(locals.ctx, locals.ctx.actor!.id, file.name, bytes, file.type);
		redirect(303, `/admin/gebiete/import/${id}`);
	}
};
