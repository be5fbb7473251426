// Staff work on reports for the personal-data download: the report definitions a person saved and the
// templates they uploaded (titles and dates only). Deleting the account sets both columns to null (FK).
import type { PersonalDataSection } from '../participation/component';

export const reportPersonalData: PersonalDataSection = {
	key: 'reports_staff',
	tables: ['report_definition.owner_id', 'report_template.uploaded_by'],
	async collect(db, userId) {
		const [definitions, templates] = await Promise.all([
			db
				.selectFrom('report_definition')
				.select(['title', 'created_at', 'last_run_at'])
				.where('owner_id', '=', userId)
				.orderBy('created_at')
				.execute(),
			db
				.selectFrom('report_template')
				.select(['name', 'file_name', 'created_at'])
				.where('uploaded_by', '=', userId)
				.orderBy('created_at')
				.execute()
		]);
		const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
		return {
			reportsSaved: definitions.map((d) => ({
				title: d.title,
				at: iso(d.created_at),
				lastRunAt: iso(d.last_run_at)
			})),
			templatesUploaded: templates.map((t) => ({
				name: t.name,
				fileName: t.file_name,
				at: iso(t.created_at)
			}))
		};
	}
};
