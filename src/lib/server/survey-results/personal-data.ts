// What the results part stores about a person: who published a survey's results (set to null when
// the account is deleted — the foreign key does it).
import type { PersonalDataSection } from '../participation/component';

export const surveyResultsPersonalData: PersonalDataSection = {
	key: 'surveyPublications',
	tables: ['survey_publication.published_by'],
	async collect(db, userId) {
		const rows = await db
			.selectFrom('survey_publication as p')
			.innerJoin('survey as s', 's.id', 'p.survey_id')
			.select(['s.id', 's.title', 'p.published_at'])
			.where('p.published_by', '=', userId)
			.orderBy('p.published_at')
			.execute();
		return rows.map((r) => ({
			surveyId: r.id,
			survey: r.title,
			publishedAt: new Date(r.published_at).toISOString()
		}));
	}
};
