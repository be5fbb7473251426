import { error } from '@sveltejs/kit';
import {
	currentPhaseIndex,
	getConsultationBySlug,
	getConsultationResults,
	paragraphs,
	type TranslatableField
} from '$lib/server/consultations';
import { cityDay } from '$lib/format/dates';
import { localizedText } from '$lib/i18n/content';
import { registry } from '$lib/server/participation/registry';
import { isFollowing } from '$lib/server/following';
import { listMeasures, measuresFor } from '$lib/server/measures';
import { publishedForConsultation } from '$lib/server/survey-results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db, actor, t, now, locale } = locals.ctx;
	const c = await getConsultationBySlug(db, params.slug, actor);
	if (!c) error(404, t('consultations.error.not_found'));
	const today = cityDay(now);
	// Texts in the reader's language where the team gave them; German (marked lang="de") otherwise.
	const text = (field: TranslatableField, german: string) =>
		localizedText(german, c.translations, field, locale);
	const texts = {
		title: text('title', c.title),
		summary: text('summary', c.summary),
		description: text('description', c.description),
		canInfluence: text('canInfluence', c.canInfluence),
		alreadyDecided: text('alreadyDecided', c.alreadyDecided),
		outcomePlan: text('outcomePlan', c.outcomePlan)
	};
	const results = await getConsultationResults(db, c.id);
	// Issue 10: follow the consultation; the measures that came out of it.
	const [following, measures] = await Promise.all([
		isFollowing(db, actor?.id ?? null, { type: 'consultation', id: c.id }),
		listMeasures(db, { consultationId: c.id, pageSize: 5 })
	]);
	const surveyResults = c.modules.includes('surveys') ? await publishedForConsultation(locals.ctx, c.id) : [];
	const surveyMeasures = Object.fromEntries(
		await measuresFor(
			db,
			'survey',
			surveyResults.map((r) => r.surveyId)
		)
	);
	return {
		follow: { following, signedIn: !!actor },
		surveyMeasures,
		measures: {
			entries: measures.entries.map((m) => ({ id: m.id, title: m.title, progress: m.progress })),
			total: measures.total
		},
		results: results ? { paragraphs: paragraphs(results.body), updatedAt: results.updatedAt } : null,
		consultation: {
			id: c.id,
			slug: c.slug,
			title: texts.title.text,
			summary: texts.summary.text,
			descriptionParagraphs: paragraphs(texts.description.text),
			hasImage: c.imageUploadId !== null,
			imageAlt: c.imageAlt ?? '',
			participationLevel: c.participationLevel,
			canInfluence: paragraphs(texts.canInfluence.text),
			alreadyDecided: paragraphs(texts.alreadyDecided.text),
			outcomePlan: paragraphs(texts.outcomePlan.text),
			/** The language of each text (lang attribute) and whether any falls back to German */
			textLang: Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.lang])) as Record<
				TranslatableField,
				string
			>,
			fallsBack: Object.values(texts).some((v) => v.fallback),
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
		sections: registry.sectionsFor(c.modules),
		surveyResults
	};
};
