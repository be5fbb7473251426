import { error } from '@sveltejs/kit';
import {
	currentPhaseIndex,
	getConsultationBySlug,
	getConsultationResults,
	paragraphs
} from '$lib/server/consultations';
import { cityDay } from '$lib/format/dates';
import { registry } from '$lib/server/participation/registry';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db, actor, t, now } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c) error(404, t('consultations.error.not_found'));
	const today = cityDay(now);
	const results = await getConsultationResults(db, c.id);
	return {
		results: results ? { paragraphs: paragraphs(results.body), updatedAt: results.updatedAt } : null,
		consultation: {
			id: c.id,
			slug: c.slug,
			title: c.title,
			summary: c.summary,
			descriptionParagraphs: paragraphs(c.description),
			hasImage: c.imageUploadId !== null,
			imageAlt: c.imageAlt ?? '',
			participationLevel: c.participationLevel,
			canInfluence: paragraphs(c.canInfluence),
			alreadyDecided: paragraphs(c.alreadyDecided),
			outcomePlan: paragraphs(c.outcomePlan),
			contactName: c.contactName,
			contactEmail: c.contactEmail,
			contactPhone: c.contactPhone,
			status: c.status,
			startsAt: c.startsAt,
			endsAt: c.endsAt,
			modules: c.modules,
			areas: c.areas.map((a) => ({ key: a.key, name: a.name, levelKey: a.levelKey, levelName: a.levelName })),
			categories: c.categories.map((x) => x.name),
			phases: c.phases,
			currentPhase: c.status === 'published' ? currentPhaseIndex(c.phases, today) : -1,
			canManage: c.canManage,
			canModerate: c.canModerate,
			canExport: c.canExport
		},
		sections: registry.sectionsFor(c.modules)
	};
};
