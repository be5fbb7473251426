// The authorisation matrix: for every state-changing route, every +server.ts GET (the /api/v1 open
// data, downloads, exports) and every management page (listed from src/routes by route-walk.ts)
// which roles are admitted and which are refused, and with which objects (IDOR: another person's
// object, or one outside the actor's scope). tests/unit/security/authz-matrix.test.ts fails when a
// route has no entry here; tests/integration/security/authz-matrix.ts runs every entry over real
// HTTP against the built app. "Admitted" means the request got past the permission check (a 400 for
// an empty form counts); "refused" means 401/403/404 or a redirect to the sign-in page — a
// forbidden object looks missing. Public reads say what they must not reveal (`conceals`).

/**
 * `quarterManager` manages the Stadtteil of the consultation (the demo's quartier@, its creator),
 * `otherManager` a Quartier it does not cover, `consultationManager` holds a quarter-manager grant
 * scoped to this one consultation, `organisationMember` is the demo Träger (no grant on it).
 */
export const ROLES = [
	'anonymous',
	'resident',
	'organisationMember',
	'otherManager',
	'quarterManager',
	'consultationManager',
	'moderator',
	'planner',
	'admin'
] as const;
export type MatrixRole = (typeof ROLES)[number];

/**
 * Objects the route parameters are filled with (tests/integration/security/authz-matrix.ts
 * resolves them in the demo city): `consultation` = marktplatz-altstadt (all modules; otherManager
 * manages an area outside it), `*:own` = the resident's own, `*:other` = someone else's.
 */
export type Fixture =
	| 'consultation'
	| 'consultation:draft'
	| 'consultation:pictured'
	| 'contribution:own'
	| 'contribution:other'
	| 'contribution:spare'
	| 'contribution:hidden'
	| 'contribution:draft'
	| 'workshopResult'
	| 'idea'
	| 'idea:hidden'
	| 'survey'
	| 'survey:published'
	| 'survey:unpublished'
	| 'survey:draft'
	| 'event'
	| 'event:other'
	| 'event:draft'
	| 'registration'
	| 'registration:other'
	| 'eventDocument'
	| 'eventDocument:otherEvent'
	| 'measure'
	| 'measure:other'
	| 'measure:draft'
	| 'notification:own'
	| 'notification:other'
	| 'report'
	| 'area'
	| 'user'
	| 'grant'
	| 'grant:other'
	| 'indicator'
	| 'indicator:internal'
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
	/**
	 * IDOR: an admitted role with another person's object (or one outside its scope) is refused;
	 * `form` replaces the entry's form for that case.
	 */
	idor?: readonly IdorCase[];
	/** Query string added to the URL (`@fixture.field` resolved), e.g. `termin=@event.occurrenceId`. */
	query?: string;
	/**
	 * Public reads and writes: what they must not reveal or accept, checked as anonymous and as
	 * resident. Without
	 * `absent`, the request with `fixture` is refused (a draft's slug answers 404); with it, the
	 * answer succeeds, contains `present` and does not contain `absent` (a hidden idea's id).
	 */
	conceals?: readonly Concealed[];
	/**
	 * Form fields to post (`@fixture` / `@fixture.field` name an object's id or field). With `valid`,
	 * the input is complete: admitted roles must succeed (2xx/3xx) and refused ones must not — for
	 * actions that check the input before the person (a forbidden edit then answers 400, not 404).
	 */
	form?: Record<string, string>;
	valid?: boolean;
	/** A read open to everyone with nothing to conceal: why (every other public read has `conceals`). */
	publicBecause?: string;
	/** Why no role is admitted here (the allowed path needs a secret: a mailed token, an import run). */
	allowedElsewhere?: string;
}

export interface IdorCase {
	role: MatrixRole;
	other: Fixture;
	form?: Record<string, string>;
}

export interface Concealed {
	/** Who asks (default: anonymous, then resident). */
	role?: MatrixRole;
	fixture?: Fixture;
	query?: string;
	present?: string;
	absent?: string;
	/**
	 * Writes: a complete form. The hidden object must not take it, and (`accepted`) the entry's own
	 * object must, as resident — so the refusal is not just the form's validation.
	 */
	form?: Record<string, string>;
	accepted?: boolean;
}

const A = 'anonymous',
	R = 'resident',
	O = 'organisationMember',
	Q = 'otherManager',
	K = 'quarterManager',
	C = 'consultationManager',
	M = 'moderator',
	P = 'planner',
	X = 'admin';
const all = [A, R, O, Q, K, C, M, P, X] as const;
const signedIn = [R, O, Q, K, C, M, P, X] as const;
/** Whoever manages the consultation (marktplatz-altstadt) or the event/measure of it. */
const staff = { allow: [K, C, P, X], deny: [A, R, O, Q, M] } as const;
/** The same, plus the out-of-scope manager refused that object of another consultation. */
const staffOf = (other: Fixture, extra: Partial<MatrixEntry> = {}): MatrixEntry => ({
	...staff,
	idor: [
		{ role: K, other },
		{ role: C, other }
	],
	...extra
});
const moderators = { allow: [K, C, M, P, X], deny: [A, R, O, Q] } as const;
const adminOnly = { allow: [X], deny: [A, R, O, Q, K, C, M, P] } as const;
const plannerAdmin = { allow: [P, X], deny: [A, R, O, Q, K, C, M] } as const;
/** Anyone who runs consultations somewhere (planners and quarter managers of any scope). */
const managers = { allow: [Q, K, C, P, X], deny: [A, R, O, M] } as const;
/** Those whose grants cover areas (a consultation-scoped grant covers none). */
const areaManagers = { allow: [Q, K, P, X], deny: [A, R, O, C, M] } as const;
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
const REPLY = { body: 'Danke, das sehe ich genauso.' };
const REPORT = { reason: 'Das ist beleidigend und gehört nicht hierher.' };
const RESPONSE = {
	status: 'in_review',
	responseText: 'Wir prüfen den Vorschlag gemeinsam mit dem Tiefbauamt.',
	nextSteps: '',
	responderName: 'Team Stadtplanung'
};

export const AUTHZ_MATRIX: Record<string, MatrixEntry> = {
	// ---- reads: the open data of /api/v1 (what is not public stays out), downloads, management pages
	'/api/v1/areas.geojson GET': {
		...anyone,
		publicBecause: 'areas have no draft or hidden state: every current area is public'
	},
	'/api/v1/contributions.geojson GET': {
		...anyone,
		conceals: [
			{ present: '@contribution:other', absent: '@contribution:hidden' },
			{ query: 'consultation=authz-entwurf', absent: '@contribution:draft' },
			{ absent: '@contribution:draft' }
		]
	},
	'/api/v1/events.ics GET': {
		...anyone,
		conceals: [
			{ present: '@event.occurrenceId', absent: '@event:draft.occurrenceId' },
			{ fixture: 'consultation:draft', query: 'consultation=authz-entwurf' }
		]
	},
	'/api/v1/ideas.geojson GET': {
		...anyone,
		conceals: [{ present: '@idea', absent: '@idea:hidden' }]
	},
	'/api/v1/indicators GET': {
		...anyone,
		conceals: [{ present: '@indicator.key', absent: '@indicator:internal.key' }]
	},
	'/api/v1/indicators/[id]/values GET': {
		...anyone,
		conceals: [{ fixture: 'indicator:internal' }, { fixture: 'missing' }]
	},
	'/api/v1/measures GET': {
		...anyone,
		conceals: [{ present: '@measure', absent: '@measure:draft' }]
	},
	'/api/v1/openapi.json GET': { ...anyone, publicBecause: 'the API description, the same for everyone' },
	'/api/v1/surveys GET': {
		...anyone,
		fixture: 'survey:published',
		conceals: [{ present: '@survey:published', absent: '@survey:unpublished' }]
	},
	// Results of a survey nothing is published for answer 404, for everyone alike.
	'/api/v1/surveys/[id] GET': {
		...anyone,
		fixture: 'survey:published',
		conceals: [{ fixture: 'survey:unpublished' }]
	},
	'/healthz GET': { ...anyone, publicBecause: 'liveness only: no data' },
	'/beteiligung/[slug]/bild GET': {
		...anyone,
		fixture: 'consultation:pictured',
		conceals: [{ fixture: 'consultation:draft' }]
	},
	'/beteiligung/[slug]/beitrag/[id]/foto/[upload] GET': {
		...anyone,
		fixture: 'contribution:other',
		conceals: [{ fixture: 'contribution:hidden' }]
	},
	'/beteiligung/[slug]/ideen/[id]/foto/[upload] GET': {
		...anyone,
		fixture: 'idea',
		conceals: [{ fixture: 'idea:hidden' }]
	},
	'/beteiligung/[slug]/ideen/aehnlich GET': {
		...anyone,
		query: 'title=Versteckte+Idee+Authz&body=',
		conceals: [
			{ query: 'title=Versteckte+Idee+Authz&body=', absent: '@idea:hidden' },
			{ fixture: 'consultation:draft', query: 'title=x&body=' }
		]
	},
	'/beteiligung/[slug]/karte/beitraege.geojson GET': {
		...anyone,
		query: 'bbox=-180,-85,180,85',
		conceals: [
			{ query: 'bbox=-180,-85,180,85', present: '@contribution:other', absent: '@contribution:hidden' },
			{ fixture: 'consultation:draft', query: 'bbox=-180,-85,180,85' }
		]
	},
	'/termine/[id]/kalender.ics GET': { ...anyone, conceals: [{ fixture: 'event:draft' }] },
	'/termine/[id]/dokument/[docId] GET': {
		...anyone,
		fixture: 'eventDocument',
		conceals: [{ fixture: 'eventDocument:otherEvent' }]
	},
	'/beteiligung/[slug]/befragung/[id]/weiter/[token] GET': {
		...anyone,
		publicBecause: 'puts the given token in a cookie and redirects: it reads nothing'
	},
	// Staff downloads: personal data and unpublished input.
	'/beteiligung/[slug]/export GET': staff,
	'/beteiligung/[slug]/export/[format] GET': staff,
	'/beteiligung/[slug]/befragung/[id]/ergebnisse/export/[format] GET': { ...staff, fixture: 'survey' },
	'/beteiligung/[slug]/befragung/[id]/ergebnisse/datei/[file] GET': {
		allow: [],
		deny: all,
		fixture: 'survey',
		allowedElsewhere: 'tests/integration/surveys/file-answers (a stored file answer)'
	},
	'/beteiligung/[slug]/befragung/[id]/papier GET': staff,
	'/termine/[id]/teilnahmeliste.csv GET': staffOf('event:other', { query: 'termin=@event.occurrenceId' }),
	'/termine/[id]/verwalten GET': staffOf('event:other'),
	'/termine/[id]/dokument/[docId]/loeschen GET': {
		...staff,
		fixture: 'eventDocument',
		idor: [{ role: P, other: 'eventDocument:otherEvent' }]
	},
	'/termine/neu GET': managers,
	'/massnahmen/[id]/bearbeiten GET': staffOf('measure:other'),
	'/massnahmen/neu GET': managers,
	// A co-manager of one consultation does not run areas: no new consultation.
	'/beteiligung/neu GET': areaManagers,
	'/beteiligung/[slug]/bearbeiten GET': staff,
	'/beteiligung/[slug]/erfassen GET': staff,
	'/beteiligung/[slug]/moderation GET': moderators,
	'/beteiligung/[slug]/ideen/einstellungen GET': staff,
	'/beteiligung/[slug]/ideen/neu GET': account,
	'/beteiligung/[slug]/beitrag/[id]/bearbeiten GET': {
		...token('tests/integration/contributions (anonymous edit link)'),
		fixture: 'contribution:spare'
	},
	'/beteiligung/[slug]/befragung/import GET': staff,
	'/beteiligung/[slug]/befragung/[id]/bearbeiten GET': staff,
	'/beteiligung/[slug]/befragung/[id]/erfassen GET': staff,
	'/beteiligung/[slug]/befragung/[id]/ergebnisse GET': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten GET': staff,
	'/konto GET': account,
	'/konto/beitraege GET': account,
	'/konto/benachrichtigungen GET': account,
	// One's own data only: the file names no one else (checked: another person's e-mail is absent).
	'/konto/daten.json GET': {
		...account,
		conceals: [{ role: R, present: 'bewohner@musterstadt.example', absent: 'moderation@musterstadt.example' }]
	},
	'/konto/geloescht GET': { ...anyone, publicBecause: 'the fixed goodbye page after deleting an account' },
	'/moderation GET': moderators,
	// The planner workspace (rule planning.view): planners and admins; its themes open to managers.
	'/planung GET': plannerAdmin,
	'/planung/berichte GET': plannerAdmin,
	'/planung/berichte/[id] GET': { ...plannerAdmin, fixture: 'report' },
	'/planung/erreicht GET': plannerAdmin,
	'/planung/gebiete/[key] GET': { ...plannerAdmin, fixture: 'area' },
	'/planung/themen GET': managers,
	'/planung/themen/[slug] GET': staff,
	// The administration hub lists the sections one may open: anyone with one of them.
	'/admin GET': { allow: [Q, K, C, M, P, X], deny: [A, R, O] },
	'/admin/benutzer GET': adminOnly,
	'/admin/benutzer/[id] GET': adminOnly,
	'/admin/benutzer/[id]/entziehen/[grantId] GET': {
		...adminOnly,
		fixture: 'grant',
		idor: [{ role: X, other: 'grant:other' }]
	},
	'/admin/gebiete GET': plannerAdmin,
	'/admin/gebiete/import GET': plannerAdmin,
	'/admin/gebiete/import/[id] GET': { ...plannerAdmin, fixture: 'missing' },
	'/admin/indikatoren GET': plannerAdmin,
	'/admin/indikatoren/[id] GET': plannerAdmin,
	'/admin/indikatoren/import GET': plannerAdmin,
	'/admin/indikatoren/import/[id] GET': importRun('tests/integration/indicators'),
	'/admin/indikatoren/neu GET': plannerAdmin,
	'/admin/postausgang GET': adminOnly,
	'/admin/seiten GET': adminOnly,
	'/admin/seiten/[slug] GET': adminOnly,

	// ---- state-changing routes
	'/abmelden default': { ...anyone, publicBecause: 'signing out: open to everyone by nature' },
	'/admin/benutzer/[id] grant': adminOnly,
	'/admin/benutzer/[id] block': adminOnly,
	'/admin/benutzer/[id] unblock': adminOnly,
	// Revoking names the person and the grant: another person's grant under this person is refused.
	'/admin/benutzer/[id]/entziehen/[grantId] default': {
		...adminOnly,
		fixture: 'grant',
		valid: true,
		idor: [{ role: X, other: 'grant:other' }]
	},
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
	'/anmelden login': { ...anyone, publicBecause: 'signing in (limits: tests/integration/security)' },
	'/anmelden link': {
		...anyone,
		publicBecause: 'asking for a sign-in link (limits: tests/integration/auth)'
	},
	'/anmelden/link/[token] default': token('tests/integration/auth'),
	'/benachrichtigungen/abbestellen/[token] default': token('tests/integration/following'),
	'/bestaetigen/[token] default': token('tests/integration/auth'),
	'/beteiligung/[slug]/bearbeiten save': staff,
	'/beteiligung/[slug]/bearbeiten status': staff,
	'/beteiligung/[slug]/bearbeiten team': staff,
	'/beteiligung/[slug]/bearbeiten translate': staff,
	'/beteiligung/[slug]/bearbeiten results': staff,
	'/beteiligung/[slug]/bearbeiten removeTeamMember': staff,
	'/beteiligung/[slug]/befragung/[id] start': { ...anyone, conceals: [{ fixture: 'survey:draft' }] },
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
	// The page answers the respondent of this browser's cookie only: no respondent id in the request
	// to swap (another respondent's resume token is a secret: tests/integration/surveys).
	'/beteiligung/[slug]/befragung/[id]/seite/[page] default': {
		...anyone,
		conceals: [{ fixture: 'survey:draft' }]
	},
	'/beteiligung/[slug]/befragung/[id]/verwalten settings': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten translate': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten status': staff,
	'/beteiligung/[slug]/befragung/[id]/verwalten codes': staff,
	'/beteiligung/[slug]/befragung create': staff,
	'/beteiligung/[slug]/befragung/import preview': staff,
	'/beteiligung/[slug]/befragung/import confirm': staff,
	'/beteiligung/[slug]/beitrag/[id] support': { ...account, fixture: 'contribution:other' },
	'/beteiligung/[slug]/beitrag/[id] report': {
		...anyone,
		fixture: 'contribution:other',
		conceals: [{ fixture: 'contribution:hidden', form: REPORT, accepted: true }]
	},
	'/beteiligung/[slug]/beitrag/[id] reply': {
		...anyone,
		fixture: 'contribution:other',
		conceals: [{ fixture: 'contribution:hidden', form: REPLY, accepted: true }]
	},
	'/beteiligung/[slug]/beitrag/[id] edit': {
		allow: [R],
		deny: [A, O, Q, K, C, M, P, X],
		fixture: 'contribution:own',
		idor: [{ role: R, other: 'contribution:other' }],
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
		...staff,
		fixture: 'contribution:other',
		form: { measureId: '@measure' }
	},
	'/beteiligung/[slug]/beitrag/[id] delete': {
		allow: [R],
		deny: [A, O, Q, K, C, M, P, X],
		fixture: 'contribution:own',
		idor: [{ role: R, other: 'contribution:other' }],
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
	'/beteiligung/[slug]/ideen/[id] comment': {
		...anyone,
		conceals: [{ fixture: 'idea:hidden', form: REPLY, accepted: true }]
	},
	'/beteiligung/[slug]/ideen/[id] report': {
		...anyone,
		conceals: [{ fixture: 'idea:hidden', form: REPORT, accepted: true }]
	},
	'/beteiligung/[slug]/ideen/[id] moderate': moderators,
	'/beteiligung/[slug]/ideen/[id] respond': { ...staff, form: RESPONSE, valid: true },
	'/beteiligung/[slug]/ideen answer': { ...staff, form: { ...RESPONSE, ideaId: '@idea' }, valid: true },
	'/beteiligung/[slug]/ideen/einstellungen default': staff,
	'/beteiligung/[slug]/ideen/neu similar': account,
	'/beteiligung/[slug]/ideen/neu create': account,
	// A draft consultation refuses a complete contribution: tests/integration/contributions
	// ("closed and draft consultations refuse them"); the form needs a point inside the area.
	'/beteiligung/[slug]/karte create': {
		...anyone,
		publicBecause: 'open to everyone; draft refusal tested in tests/integration/contributions'
	},
	'/beteiligung/[slug]/moderation moderate': { ...moderators, form: APPROVE_PUBLISHED },
	'/beteiligung/[slug]/moderation block': { ...moderators, form: BLOCK_WITHOUT_REASON },
	'/beteiligung/[slug]/moderation unblock': { ...moderators, form: { userId: '@user' } },
	'/beteiligung/neu default': areaManagers,
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
	// Marking one notification as read: another person's notification looks missing.
	'/konto/benachrichtigungen read': {
		...account,
		form: { id: '@notification:own.{role}' },
		valid: true,
		idor: [
			{ role: R, other: 'notification:own', form: { id: '@notification:other' } },
			{ role: P, other: 'notification:own', form: { id: '@notification:other' } }
		]
	},
	// A measure of this consultation: its managers maintain it, not one of another consultation.
	'/massnahmen/[id] progress': staffOf('measure:other'),
	'/massnahmen/[id] link': staffOf('measure:other'),
	'/massnahmen/[id] unlink': staffOf('measure:other'),
	'/massnahmen/[id]/bearbeiten default': staffOf('measure:other'),
	'/massnahmen/neu default': managers,
	// Planner workspace: themes open to planners and quarter managers, a consultation's tagging to
	// whoever manages it; reports to global planners and admins.
	'/planung/themen create': managers,
	'/planung/themen rename': managers,
	'/planung/themen synthesis': managers,
	'/planung/themen delete': managers,
	'/planung/themen/[slug] tag': staff,
	'/planung/themen/[slug] accept': staff,
	'/planung/themen/[slug] createFromWord': staff,
	'/planung/berichte create': plannerAdmin,
	'/planung/berichte upload': plannerAdmin,
	'/planung/berichte deleteTemplate': plannerAdmin,
	// Reports are one shared workspace of global planners and admins (owner_id records who made
	// one, it does not restrict): the report of another planner is no IDOR case.
	'/planung/berichte/[id] save': { ...plannerAdmin, fixture: 'report' },
	'/planung/berichte/[id] delete': { ...plannerAdmin, fixture: 'report' },
	'/planung/berichte/[id]/herunterladen POST': { ...plannerAdmin, fixture: 'report' },
	'/moderation moderate': { ...moderators, form: APPROVE_PUBLISHED },
	'/moderation block': { ...moderators, form: BLOCK_WITHOUT_REASON },
	'/passwort-neu/[token] default': token('tests/integration/auth'),
	'/passwort-vergessen default': { ...anyone, publicBecause: 'asking for a reset mail: open by nature' },
	'/registrieren default': { ...anyone, publicBecause: 'registering: open by nature' },
	'/sprache default': { ...anyone, publicBecause: 'choosing the language (a cookie)' },
	'/termine/[id] register': { ...anyone, conceals: [{ fixture: 'event:draft' }] },
	// An event of this consultation: its managers run it, not an event of another consultation.
	'/termine/[id]/verwalten edit': staffOf('event:other'),
	'/termine/[id]/verwalten cancelDate': staffOf('event:other'),
	'/termine/[id]/verwalten moveDate': staffOf('event:other'),
	// adding a date: an empty form is refused with 400 after the permission check (no date is made)
	'/termine/[id]/verwalten addDate': staffOf('event:other'),
	'/termine/[id]/verwalten staffRegister': staffOf('event:other'),
	// Cancelling a registration of this event; one of another event's dates looks missing.
	'/termine/[id]/verwalten cancelRegistration': {
		...staff,
		fixture: 'registration',
		form: { registrationId: '@registration.{role}' },
		idor: ([P, K] as const).map((role) => ({
			role,
			other: 'registration:other' as const,
			form: { registrationId: '@registration:other.registrationId' }
		}))
	},
	'/termine/[id]/verwalten attendance': staffOf('event:other', {
		form: { occurrenceId: '@event.occurrenceId' }
	}),
	'/termine/[id]/verwalten createPoll': staffOf('event:other'),
	'/termine/[id]/verwalten fixPoll': staffOf('event:other'),
	'/termine/[id]/verwalten document': staffOf('event:other'),
	'/termine/[id]/verwalten tell': staffOf('event:other'),
	// A document of another event named under this event's id looks missing, even to its managers.
	'/termine/[id]/dokument/[docId]/loeschen default': {
		...staff,
		fixture: 'eventDocument',
		idor: [
			{ role: P, other: 'eventDocument:otherEvent' },
			{ role: K, other: 'eventDocument:otherEvent' }
		]
	},
	'/termine/abmelden/[token] default': token('tests/integration/events'),
	'/termine/neu default': managers,
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
	'/api/v1/indicators/': { id: 'indicator' },
	'/admin/gebiete/import/': { id: 'missing' },
	'/admin/seiten/': { slug: 'page' },
	'/planung/berichte/': { id: 'report' }
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
