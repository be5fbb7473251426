// Browser-safe shapes that the consultation components and the server module both use.
export interface ConsultationCardItem {
	id: string;
	slug: string;
	title: string;
	summary: string;
	/** The language of title and summary (German where no translation exists). */
	titleLang?: string;
	summaryLang?: string;
	status: string;
	participationLevel: string;
	startsAt: Date | null;
	endsAt: Date | null;
	areas: { key: string; name: string }[];
}

export interface AreaChoiceGroup {
	levelKey: string;
	levelName: string;
	areas: { id: string; key: string; name: string }[];
}

export interface FormValues {
	title: string;
	slug: string;
	summary: string;
	description: string;
	participationLevel: string;
	canInfluence: string;
	alreadyDecided: string;
	outcomePlan: string;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
	startsOn: string;
	endsOn: string;
	areaIds: string[];
	/** One category per line. */
	categories: string;
	phases: { name: string; description: string; startsOn: string; endsOn: string }[];
	allowAnonymous: boolean;
	preModeration: boolean;
	requireConfirmedEmail: boolean;
	modules: string[];
	autoHideAfterReports: string;
	imageAlt: string;
}
