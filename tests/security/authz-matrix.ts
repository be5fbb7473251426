// The authorisation matrix: for every state-changing route (listed from src/routes by route-walk.ts)
// which roles are admitted and which are refused, and with which objects (IDOR: another person's
// object). tests/unit/security/authz-matrix.test.ts fails when a route has no entry here;
// tests/integration/security/authz-matrix.ts runs every entry over real HTTP against the built
// app. "Admitted" means the request got past the permission check (a 400 for an empty form counts);
// "refused" means 401/403/404 or a redirect to the sign-in page — a forbidden object looks missing.

export const ROLES = ['anonymous', 'resident', 'otherManager', 'moderator', 'planner', 'admin'] as const;
export type MatrixRole = (typeof ROLES)[number];

/**
 * Objects the route parameters are filled with (tests/integration/security/authz-matrix.ts
 * resolves them in the demo city): `consultation` = marktplatz-altstadt (all modules; otherManager
 * manages an area outside it), `*:own` = the resident's own, `*:other` = someone else's.
 */
export type Fixture =
	| 'consultation'
	| 'contribution:own'
	| 'contribution:other'
	| 'contribution:spare'
	| 'workshopResult'
	| 'idea'
	| 'survey'
	| 'event'
	| 'eventDocument'
	| 'measure'
	| 'user'
	| 'grant'
	| 'indicator'
	| 'page'
	| 'missing'
	| 'token';

export interface MatrixEntry {
	/** Roles that get past the permission check. */
	allow: readonly MatrixRole[];
	/** Roles that are refused (404/403/401 or to sign-in). Together with allow: every role. */
	deny: readonly MatrixRole[];
	/** Which object fills the route's parameters (default per parameter name, see DEFAULT_FIXTURES). */
	fixture?: Fixture;
	/** IDOR: the same role with another person's object is refused. */
	idor?: { role: MatrixRole; other: Fixture };
	/**
	 * Form fields to post (`@fixture` / `@fixture.field` name an object's id or field). With `valid`,
	 * the input is complete: admitted roles must succeed (2xx/3xx) and refused ones must not — for
	 * actions that check the input before the person (a forbidden edit then answers 400, not 404).
	 */
	form?: Record<string, string>;
	valid?: boolean;
	/** Why no role is admitted here (the allowed path needs a secret: a mailed token, an import run). */
	allowedElsewhere?: string;
}

const A = 'anonymous',
	R = 'resident',
	Q = 'otherManager',
	M = 'moderator',
	P = 'planner',
	X = 'admin';
const all = [A, R, Q, M, P, X] as const;
const signedIn = [R, Q, M, P, X] as const;
const staff = { allow: [P, X], deny: [A, R, Q, M] } as const;
const moderators = { allow: [M, P, X], deny: [A, R, Q] } as const;
const adminOnly = { allow: [X], deny: [A, R, Q, M, P] } as const;
const plannerAdmin = { allow: [P, X], deny: [A, R, Q, M] } as const;
const account = { allow: signedIn, deny: [A] } as const;
const anyone = { allow: all, deny: [] } as const;
const token = (where: string): MatrixEntry => ({
	allow: [],
	deny: all,
	fixture: 'token',
	valid: true,
	allowedElsewhere: where
});
const importRun = (where: string): MatrixEntry => ({
	allow: [],
	deny: all,
	fixture: 'missing',
	allowedElsewhere: where
});

// Inputs the moderators' actions get past the item lookup with (then refused for the wrong state /
// missing reason, so nothing changes); a complete official response.
const APPROVE_PUBLISHED = { itemType: 'contribution', id: '@contribution:other', action: 'approve' };
const BLOCK_WITHOUT_REASON = { itemType: 'contribution', id: '@contribution:other', reason: '' };
const RESPONSE = {
	status: 'in_review',
	responseText: 'Wir prüfen den Vorschlag gemeinsam mit dem Tiefbauamt.',
	nextSteps: '',
	responderName: 'Team Stadtplanung'
};

export const AUTHZ_MATRIX: Record<string, MatrixEntry> = {
	'/abmelden default': anyone,
	'/admin/benutzer/[id] grant': adminOnly,
	'/admin/benutzer/[id] block': adminOnly,
	'/admin/benutzer/[id] unblock': adminOnly,
	'/admin/benutzer/[id]/entziehen/[grantId] default': adminOnly,
	// A missing import run sends planners back to the run's page; others are refused before.
	'/admin/gebiete/import/[id] vorschau': { ...plannerAdmin, fixture: 'missing' },
	'/admin/gebiete/import/[id] uebernehmen': { ...plannerAdmin, fixture: 'missing' },
	'/admin/gebiete/import/[id] verwerfen': { ...plannerAdmin, fixture: 'missing' },
	'/admin/gebiete/import default': plannerAdmin,
	'/admin/indikatoren/[id] save': plannerAdmin,
	'/admin/indikatoren/[id] translate': plannerAdmin,
	'/admin/indikatoren gesamtindex': plannerAdmin,
	'/admin/indikatoren/import/[id] lesen': importRun('tests/integration/indicators'),
	'/admin/indikatoren/import/[id] vorschau': importRun('tests/integration/indicators'),
	'/admin/indikatoren/import/[id] importieren': importRun('tests/integration/indicators'),
	'/admin/indikatoren/import/[id] abbrechen': { ...plannerAdmin, fixture: 'missing' },
	'/admin/indikatoren/import default': plannerAdmin,
	'/admin/indikatoren/neu default': plannerAdmin,
	'/admin/postausgang digest': adminOnly,
	'/admin/seiten/[slug] default': adminOnly,
	'/anmelden login': anyone,
	'/anmelden link': anyone,
	'/anmelden/link/[token] default': token('tests/integration/auth'),
	'/benachrichtigungen/abbestellen/[token] default': token('tests/integration/following'),
	'/bestaetigen/[token] default': token('tests/integration/auth'),
	'/beteiligung/[slug]/bearbeiten save': staff,
	'/beteiligung/[slug]/bearbeiten status': staff,
	'/beteiligung/[slug]/bearbeiten team': staff,
	'/beteiligung/[slug]/bearbeiten translate': staff,
	'/beteiligung/[slug]/bearbeiten results': staff,
	'/beteiligung/[slug]/bearbeiten removeTeamMember': staff,
	'/beteiligung/[slug]/befragung/[id] start': anyone,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten add': staff,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten move': staff,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten duplicate': staff,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten remove': staff,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten save': staff,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten intro': staff,
	'/beteiligung/[slug]/befragung/[id]/codebogen POST': staff,
	'/beteiligung/[slug]/befragung/[id]/erfassen default': staff,
	'/beteiligung/[slug]/befragung/[id]/ergebnisse publish': staff,
	'/beteiligung/[slug]/befragung/[id]/ergebnisse unpublish': staff,
	'/beteiligung/[slug]/befragung/[id]/seite/[page] default': anyone,
	'/beteiligung/[slug]/befragung/[id]/verwalten settings': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten translate': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten status': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten codes': staff,
	'/beteiligung/[slug]/befragung create': staff,
	'/beteiligung/[slug]/befragung/import preview': staff,
	'/beteiligung/[slug]/befragung/import confirm': staff,
	'/beteiligung/[slug]/beitrag/[id] support': { ...account, fixture: 'contribution:other' },
	'/beteiligung/[slug]/beitrag/[id] report': { ...anyone, fixture: 'contribution:other' },
	'/beteiligung/[slug]/beitrag/[id] reply': { ...anyone, fixture: 'contribution:other' },
	'/beteiligung/[slug]/beitrag/[id] edit': {
		allow: [R],
		deny: [A, Q, M, P, X],
		fixture: 'contribution:own',
		idor: { role: R, other: 'contribution:other' },
		form: { body: 'Die Laterne am Markt ist repariert, danke.' },
		valid: true
	},
	'/beteiligung/[slug]/beitrag/[id] moderate': { ...moderators, fixture: 'contribution:other' },
	'/beteiligung/[slug]/beitrag/[id] respond': {
		...staff,
		fixture: 'contribution:other',
		form: RESPONSE,
		valid: true
	},
	// A workshop result is linked to ideas by whoever manages its consultation; measures by whoever
	// maintains the measure (as on the measure's page).
	'/beteiligung/[slug]/beitrag/[id] linkIdea': {
		...staff,
		fixture: 'workshopResult',
		form: { ideaId: '@idea' }
	},
	'/beteiligung/[slug]/beitrag/[id] unlinkIdea': {
		...staff,
		fixture: 'workshopResult',
		form: { ideaId: '@idea' }
	},
	'/beteiligung/[slug]/beitrag/[id] linkMeasure': {
		...plannerAdmin,
		fixture: 'contribution:other',
		form: { measureId: '@measure' }
	},
	'/beteiligung/[slug]/beitrag/[id] delete': {
		allow: [R],
		deny: [A, Q, M, P, X],
		fixture: 'contribution:own',
		idor: { role: R, other: 'contribution:other' },
		valid: true
	},
	// The edit link of an anonymous author: only its secret token admits, for every role.
	'/beteiligung/[slug]/beitrag/[id]/bearbeiten edit': {
		...token('tests/integration/contributions (anonymous edit link)'),
		fixture: 'contribution:spare'
	},
	'/beteiligung/[slug]/beitrag/[id]/bearbeiten delete': {
		...token('tests/integration/contributions (anonymous edit link)'),
		fixture: 'contribution:spare'
	},
	'/beteiligung/[slug]/erfassen save': staff,
	'/beteiligung/[slug]/export default': staff,
	'/beteiligung/[slug]/ideen/[id] support': account,
	'/beteiligung/[slug]/ideen/[id] comment': anyone,
	'/beteiligung/[slug]/ideen/[id] report': anyone,
	'/beteiligung/[slug]/ideen/[id] moderate': moderators,
	'/beteiligung/[slug]/ideen/[id] respond': { ...staff, form: RESPONSE, valid: true },
	'/beteiligung/[slug]/ideen answer': { ...staff, form: { ...RESPONSE, ideaId: '@idea' }, valid: true },
	'/beteiligung/[slug]/ideen/einstellungen default': staff,
	'/beteiligung/[slug]/ideen/neu similar': account,
	'/beteiligung/[slug]/ideen/neu create': account,
	'/beteiligung/[slug]/karte create': anyone,
	'/beteiligung/[slug]/moderation moderate': { ...moderators, form: APPROVE_PUBLISHED },
	'/beteiligung/[slug]/moderation block': { ...moderators, form: BLOCK_WITHOUT_REASON },
	'/beteiligung/[slug]/moderation unblock': { ...moderators, form: { userId: '@user' } },
	'/beteiligung/neu default': { allow: [Q, P, X], deny: [A, R, M] },
	'/folgen POST': {
		...account,
		form: { targetType: 'contribution', targetId: '@contribution:other', action: 'follow', returnTo: '/' }
	},
	'/konto name': account,
	'/konto email': account,
	'/konto password': account,
	'/konto resend': account,
	'/konto delete': account,
	'/konto/benachrichtigungen settings': account,
	'/konto/benachrichtigungen read': account,
	'/massnahmen/[id] progress': plannerAdmin,
	'/massnahmen/[id] link': plannerAdmin,
	'/massnahmen/[id] unlink': plannerAdmin,
	'/massnahmen/[id]/bearbeiten default': plannerAdmin,
	'/massnahmen/neu default': { allow: [Q, P, X], deny: [A, R, M] },
	// Planner workspace: themes open to planners and quarter managers, a consultation's tagging to
	// whoever manages it; reports to global planners and admins.
	'/planung/themen create': { allow: [Q, P, X], deny: [A, R, M] },
	'/planung/themen rename': { allow: [Q, P, X], deny: [A, R, M] },
	'/planung/themen synthesis': { allow: [Q, P, X], deny: [A, R, M] },
	'/planung/themen delete': { allow: [Q, P, X], deny: [A, R, M] },
	'/planung/themen/[slug] tag': staff,
	'/planung/themen/[slug] accept': staff,
	'/planung/themen/[slug] createFromWord': staff,
	'/planung/berichte create': plannerAdmin,
	'/planung/berichte upload': plannerAdmin,
	'/planung/berichte deleteTemplate': plannerAdmin,
	'/planung/berichte/[id] save': { ...plannerAdmin, fixture: 'missing' },
	'/planung/berichte/[id] delete': { ...plannerAdmin, fixture: 'missing' },
	'/planung/berichte/[id]/herunterladen POST': { ...plannerAdmin, fixture: 'missing' },
	'/moderation moderate': { ...moderators, form: APPROVE_PUBLISHED },
	'/moderation block': { ...moderators, form: BLOCK_WITHOUT_REASON },
	'/passwort-neu/[token] default': token('tests/integration/auth'),
	'/passwort-vergessen default': anyone,
	'/registrieren default': anyone,
	'/sprache default': anyone,
	'/termine/[id] register': anyone,
	'/termine/[id]/verwalten edit': staff,
	'/termine/[id]/verwalten cancelDate': staff,
	'/termine/[id]/verwalten moveDate': staff,
	'/termine/[id]/verwalten staffRegister': staff,
	'/termine/[id]/verwalten cancelRegistration': staff,
	'/termine/[id]/verwalten attendance': { ...staff, form: { occurrenceId: '@event.occurrenceId' } },
	'/termine/[id]/verwalten createPoll': staff,
	'/termine/[id]/verwalten fixPoll': staff,
	'/termine/[id]/verwalten document': staff,
	'/termine/[id]/verwalten tell': staff,
	'/termine/[id]/dokument/[docId]/loeschen default': { ...staff, fixture: 'eventDocument' },
	'/termine/abmelden/[token] default': token('tests/integration/events'),
	'/termine/neu default': { allow: [Q, P, X], deny: [A, R, M] },
	'/termine/umfrage/[token] default': token('tests/integration/events')
};

/** The object each route parameter gets unless the entry names one. */
export const DEFAULT_FIXTURES: Record<string, Record<string, Fixture>> = {
	'/beteiligung/[slug]/beitrag/': { id: 'contribution:other' },
	'/beteiligung/[slug]/befragung/': { id: 'survey' },
	'/beteiligung/[slug]/ideen/': { id: 'idea' },
	'/massnahmen/': { id: 'measure' },
	'/termine/': { id: 'event' },
	'/admin/benutzer/': { id: 'user', grantId: 'grant' },
	'/admin/indikatoren/import/': { id: 'missing' },
	'/admin/indikatoren/': { id: 'indicator' },
	'/admin/gebiete/import/': { id: 'missing' },
	'/admin/seiten/': { slug: 'page' }
};

/** Matrix keys that name no real route (stale entries), and routes without an entry. */
export function matrixGaps(routeKeys: string[], matrix: Record<string, MatrixEntry> = AUTHZ_MATRIX) {
	const known = new Set(routeKeys);
	return {
		missing: routeKeys.filter((k) => !(k in matrix)),
		stale: Object.keys(matrix).filter((k) => !known.has(k)),
		incomplete: Object.entries(matrix)
			.filter(([, e]) => ROLES.some((r) => !e.allow.includes(r) && !e.deny.includes(r)))
			.map(([k]) => k)
	};
}
