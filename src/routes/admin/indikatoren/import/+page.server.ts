import { fail, redirect } from '@sveltejs/kit';
import { storeImportFile } from '$lib/server/area-import';
import { listAreaLevels } from '$lib/server/areas';
import { authorize } from '$lib/server/auth/permissions';
import { readTable } from '$lib/server/imports/table-file';
import { megabytes, readFormData } from '$lib/server/http/form-data';
import type { Actions, PageServerLoad } from './$types';

const MAX_INDICATOR_FILE_BYTES = 20 * 1024 * 1024;

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'indicator.manage', undefined, url.pathname);
	const levels = await listAreaLevels(locals.ctx.db);
	return {
		levels,
		// Values usually come for the finest level.
		defaultLevel: levels.at(-1)?.key ?? '',
		cancelled: url.searchParams.get('meldung') === 'abgebrochen',
		maxMb: MAX_INDICATOR_FILE_BYTES / 1024 / 1024,
		maxBytes: MAX_INDICATOR_FILE_BYTES
	};
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		authorize(locals.ctx, 'indicator.manage');
		const { t, config } = locals.ctx;
		const read = await readFormData(request);
		if (!read.ok)
			return fail(413, {
				errors: { file: t('core.upload.requestTooLarge', { mb: megabytes(config.bodySizeLimit) }) },
				values: { level: '' }
			});
		const form = read.form;
		const level = String(form.get('level') ?? '');
		const values = { level };
		const levels = await listAreaLevels(locals.ctx.db);
		if (!levels.some((l) => l.key === level))
			return fail(400, { errors: { level: t('indicators.import.errors.levelRequired') }, values });
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0 || !file.name)
			return fail(400, { errors: { file: t('indicators.import.fileMissing') }, values });
		if (file.size > MAX_INDICATOR_FILE_BYTES)
			return fail(400, {
				errors: { file: t('indicators.import.tooLarge', { mb: MAX_INDICATOR_FILE_BYTES / 1024 / 1024 }) },
				values
			});
		const bytes = new Uint8Array(await file.arrayBuffer());
		// Checked by content (a table must come out of it), not by name or declared type.
		const table = await readTable(bytes);
		if (!table.ok) {
			const message =
				table.code === 'empty_file'
					? t('indicators.import.emptyFile')
					: table.code === 'ragged_row'
						? t('indicators.import.raggedRow', { row: table.row })
						: table.code === 'zip_too_large'
							? t('indicators.import.tooLarge', { mb: table.detail })
							: t('indicators.import.unreadable');
			return fail(400, { errors: { file: message }, values });
		}
		const id = await storeImportFile(locals.ctx, locals.ctx.actor!.id, file.name, bytes, file.type);
		redirect(303, `/admin/indikatoren/import/${id}?ebene=${encodeURIComponent(level)}`);
	}
};
