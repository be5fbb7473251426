// The measures' free-text inputs for the XSS suite: what planners write (title, description,
// responsible office, funding source, a milestone note), shown on the measure, the list, the
// consultation page and the area pages that follow it.
import { measurePath } from '../../measures/types';
import type { TextInputsHook } from '../participation/component';
import { recordProgress } from './record-progress';
import { createMeasure } from './save-measure';
import { LinkInput, MeasureInput, MeasureListQuery, ProgressInput, UnlinkInput } from './schemas';

const DATE = 'a date';

export const measureTextInputs: TextInputsHook = {
	schemas: { MeasureInput, ProgressInput, LinkInput, UnlinkInput, MeasureListQuery },
	fields: [
		'MeasureInput.title',
		'MeasureInput.description',
		'MeasureInput.responsible',
		'MeasureInput.fundingSource',
		'ProgressInput.note'
	],
	notText: {
		'MeasureInput.areaIds[]': 'area ids chosen from a list',
		'MeasureInput.consultationId': 'a consultation id chosen from a list',
		'MeasureInput.budget': 'an amount in euros, parsed as one',
		'MeasureInput.startsOn': DATE,
		'MeasureInput.endsOn': DATE,
		'ProgressInput.milestoneOn': DATE,
		'LinkInput.itemType': 'a module key (pattern-checked)',
		'LinkInput.reference': 'a link or id of an item, parsed into its id',
		'UnlinkInput.itemType': 'a module key (pattern-checked)',
		'UnlinkInput.itemId': 'an id',
		'MeasureListQuery.bereich': 'a filter: an area key',
		'MeasureListQuery.verfahren': 'a filter: a consultation slug'
	},
	async create(ctx, consultation, text) {
		const staff = { ...ctx, actor: ctx.staff };
		const areas = await ctx.db
			.selectFrom('consultation_area')
			.select('area_id')
			.where('consultation_id', '=', consultation.id)
			.execute();
		const created = await createMeasure(staff, {
			title: text.padEnd(3, '.').slice(0, 200),
			description: text,
			responsible: text.padEnd(2, '.').slice(0, 200),
			fundingSource: text.slice(0, 200),
			areaIds: areas.map((a) => a.area_id),
			consultationId: consultation.id,
			status: 'published'
		});
		if (!created.ok)
			throw new Error(`measure not created: ${created.code} ${JSON.stringify(created.errors ?? {})}`);
		const { id } = created.value;
		const progress = await recordProgress(staff, id, {
			progress: 40,
			milestoneOn: ctx.now.toISOString().slice(0, 10),
			note: text
		});
		if (!progress.ok) throw new Error(`milestone refused: ${progress.code}`);
		return {
			itemType: null,
			id,
			paths: [measurePath(id), '/massnahmen', `/beteiligung/${consultation.slug}`],
			staffPaths: [`${measurePath(id)}/bearbeiten`]
		};
	}
};
