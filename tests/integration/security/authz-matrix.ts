// The authorisation matrix over real HTTP against the built app: every state-changing route (found
// in src/routes by tests/security/route-walk.ts) × every role of tests/security/authz-matrix.ts —
// admitted roles get past the permission check, refused roles get 401/403/404 or the sign-in page,
// and the resident is refused another person's object (IDOR). Posts carry a same-origin Origin.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	AUTHZ_MATRIX,
	DEFAULT_FIXTURES,
	ROLES,
	type Fixture,
	type MatrixRole
} from '../../security/authz-matrix';
import {
	fillRoute,
	listMatrixRoutes,
	postTarget,
	routeKey,
	type StateChangingRoute
} from '../../security/route-walk';
import { signInOverHttp, type DemoApp } from './demo-app';

type Params = Record<string, string>;
export interface AuthzFixtures {
	objects: Record<Fixture, Params>;
	emails: Record<Exclude<MatrixRole, 'anonymous'>, string>;
}

const OTHER_MANAGER = 'fremd-quartier@example.org';
const CONSULTATION_MANAGER = 'ko-leitung@example.org';
type Db = import('kysely').Kysely<import('../../../src/lib/server/db/types').DB>;

/** A copy of one row with a fresh id (and the columns in `set` changed); returns the copy's id. */
async function copyRow(db: Db, table: string, id: string, set: Record<string, unknown>): Promise<string> {
	const row = (await db
		.selectFrom(table as never)
		.selectAll()
		.where('id' as never, '=', id as never)
		.executeTakeFirstOrThrow()) as Record<string, unknown>;
	// `search` is a generated column (ideas' full-text vector).
	const { id: _id, search: _search, ...rest } = row;
	for (const [k, v] of Object.entries(rest))
		if (
			v !== null &&
			typeof v === 'object' &&
			!Array.isArray(v) &&
			!(v instanceof Date) &&
			!Buffer.isBuffer(v)
		)
			rest[k] = JSON.stringify(v);
	const copy = (await db
		.insertInto(table as never)
		.values({ ...rest, ...set } as never)
		.returning('id' as never)
		.executeTakeFirstOrThrow()) as { id: string };
	return copy.id;
}

/** The matrix's objects in the demo city (read and added before the app starts). */
export async function prepareAuthz(
	db: import('kysely').Kysely<import('../../../src/lib/server/db/types').DB>
): Promise<AuthzFixtures> {
	const resident = await db
		.selectFrom('app_user')
		.select(['id', 'password_hash'])
		.where('email', '=', 'bewohner@musterstadt.example')
		.executeTakeFirstOrThrow();
	const market = await db
		.selectFrom('consultation')
		.select(['id', 'slug'])
		.where('slug', '=', 'marktplatz-altstadt')
		.executeTakeFirstOrThrow();
	// A quarter manager of a Quartier the consultation does not cover.
	const covered = await db
		.selectFrom('consultation_area')
		.select('area_id')
		.where('consultation_id', '=', market.id)
		.execute();
	const coveredArea = await db
		.selectFrom('area')
		.select(['id', 'level_id', 'parent_id', 'key'])
		.where('id', '=', covered[0].area_id)
		.executeTakeFirstOrThrow();
	const elsewhere = await db
		.selectFrom('area')
		.select('id')
		.where('level_id', '=', coveredArea.level_id)
		.where(
			'id',
			'not in',
			covered.map((c) => c.area_id)
		)
		.executeTakeFirstOrThrow();
	const manager = await db
		.insertInto('app_user')
		.values({
			email: OTHER_MANAGER,
			display_name: 'Fremde Quartiersmanagerin',
			password_hash: resident.password_hash,
			email_verified_at: new Date(),
			created_at: new Date(Date.now() - 30 * 86_400_000)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_grant')
		.values({ user_id: manager.id, role: 'quarter_manager', scope_type: 'area', scope_id: elsewhere.id })
		.execute();

	const contribution = (own: boolean) =>
		db
			.selectFrom('contribution')
			.innerJoin('consultation', 'consultation.id', 'contribution.consultation_id')
			.select(['contribution.id', 'consultation.slug'])
			.where('contribution.status', '=', 'published')
			.where('consultation.id', '=', market.id)
			.where((eb) =>
				own
					? eb('contribution.author_id', '=', resident.id)
					: eb.and([
							eb('contribution.author_id', 'is not', null),
							eb('contribution.author_id', '!=', resident.id)
						])
			)
			.executeTakeFirst();
	let own = await contribution(true);
	const copyOwn = async () => {
		// The resident's own contribution in this consultation: a copy of another one, re-authored.
		const other = await db
			.selectFrom('contribution')
			.selectAll()
			.where('consultation_id', '=', market.id)
			.where('status', '=', 'published')
			.executeTakeFirstOrThrow();
		const { id: _id, ...rest } = other as unknown as Record<string, unknown>;
		const copy = await db
			.insertInto('contribution')
			.values({ ...rest, author_id: resident.id, report_count: 0 } as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		return { id: copy.id, slug: market.slug };
	};
	own ??= await copyOwn();
	const spare = await copyOwn();
	const other = await contribution(false);
	if (!other) throw new Error('no contribution of another person in the demo');
	// A published workshop result in this consultation: a copy of that contribution, from a workshop.
	const { id: _otherId, ...otherRow } = (await db
		.selectFrom('contribution')
		.selectAll()
		.where('id', '=', other.id)
		.executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
	const workshopResult = await db
		.insertInto('contribution')
		.values({ ...otherRow, channel: 'workshop', parent_id: null, report_count: 0 } as never)
		.returning('id')
		.executeTakeFirstOrThrow();
	const idea = await db
		.selectFrom('idea')
		.select('id')
		.where('consultation_id', '=', market.id)
		.where('status', '=', 'published')
		.executeTakeFirstOrThrow();
	const survey = await db
		.selectFrom('survey')
		.select('id')
		.where('consultation_id', '=', market.id)
		.executeTakeFirstOrThrow();
	const green = await db
		.selectFrom('consultation')
		.select('id')
		.where('slug', '=', 'gruene-wege-musterstadt')
		.executeTakeFirstOrThrow();
	// An event, a measure of this consultation (its managers run them) and ones of a city-wide one.
	const eventOf = (consultationId: string) =>
		db
			.selectFrom('event')
			.select('id')
			.where('consultation_id', '=', consultationId)
			.where('status', '=', 'published')
			.orderBy('created_at')
			.executeTakeFirstOrThrow();
	const event = await eventOf(market.id);
	const otherEvent = await eventOf(green.id);
	const occurrenceOf = (eventId: string) =>
		db
			.selectFrom('event_occurrence')
			.select('id')
			.where('event_id', '=', eventId)
			.orderBy('starts_at')
			.executeTakeFirstOrThrow();
	const occurrence = await occurrenceOf(event.id);
	const otherOccurrence = await occurrenceOf(otherEvent.id);
	const registrationAt = (occurrenceId: string, name: string) =>
		db
			.insertInto('event_registration')
			.values({ occurrence_id: occurrenceId, name, channel: 'phone', status: 'registered' })
			.returning('id')
			.executeTakeFirstOrThrow();
	// One registration per role: each admitted role cancels its own (a cancelled one is gone).
	const registrations: Params = {};
	for (const role of ROLES) registrations[role] = (await registrationAt(occurrence.id, `Ruf ${role}`)).id;
	const registration = { id: registrations.admin };
	const otherRegistration = await registrationAt(otherOccurrence.id, 'Otto Anders');
	// Documents: one of this event, one of the other event (named under this event's id: IDOR).
	const anyDocument = await db
		.selectFrom('event_document')
		.select('id')
		.orderBy('created_at')
		.executeTakeFirstOrThrow();
	const eventDocument = await copyRow(db, 'event_document', anyDocument.id, { event_id: event.id });
	const otherDocument = await copyRow(db, 'event_document', anyDocument.id, { event_id: otherEvent.id });
	const draftEvent = await copyRow(db, 'event', event.id, {
		status: 'draft',
		title: 'Entwurfstermin Authz',
		questions: null,
		recurrence: null
	});
	const draftOccurrence = await copyRow(db, 'event_occurrence', occurrence.id, {
		event_id: draftEvent,
		registered_count: 0
	});
	const measureOf = (consultationId: string) =>
		db
			.selectFrom('measure')
			.select('id')
			.where('consultation_id', '=', consultationId)
			.where('status', '=', 'published')
			.orderBy('created_at')
			.executeTakeFirstOrThrow();
	const measure = await measureOf(market.id);
	const otherMeasure = await measureOf(green.id);
	const draftMeasure = await copyRow(db, 'measure', measure.id, {
		status: 'draft',
		published_at: null,
		title: 'Entwurfsmaßnahme Authz'
	});
	// Hidden and draft objects the open data and public downloads must not reveal.
	// A published consultation with an image, and a draft one with the same image.
	const { upload_id: uploadId } = await db
		.selectFrom('event_document')
		.select('upload_id')
		.where('id', '=', anyDocument.id)
		.executeTakeFirstOrThrow();
	const draftConsultation = await copyRow(db, 'consultation', market.id, {
		slug: 'authz-entwurf',
		status: 'draft',
		published_at: null,
		image_upload_id: uploadId
	});
	const picturedConsultation = await copyRow(db, 'consultation', market.id, {
		slug: 'authz-bild',
		image_upload_id: uploadId
	});
	for (const consultationId of [draftConsultation, picturedConsultation])
		await db
			.insertInto('consultation_area')
			.values(covered.map((c) => ({ consultation_id: consultationId, area_id: c.area_id })))
			.execute();
	const draftContribution = await copyRow(db, 'contribution', other.id, {
		consultation_id: draftConsultation,
		parent_id: null,
		report_count: 0
	});
	const hiddenContribution = await copyRow(db, 'contribution', other.id, {
		status: 'hidden',
		parent_id: null,
		report_count: 0
	});
	const hiddenIdea = await copyRow(db, 'idea', idea.id, {
		status: 'hidden',
		title: 'Versteckte Idee Authz',
		support_count: 0,
		comment_count: 0,
		report_count: 0
	});
	const publishedSurvey = await db
		.selectFrom('survey_publication')
		.innerJoin('survey', 'survey.id', 'survey_publication.survey_id')
		.innerJoin('consultation', 'consultation.id', 'survey.consultation_id')
		.select(['survey.id', 'consultation.slug'])
		.executeTakeFirstOrThrow();
	// A survey of the draft consultation.
	const draftSurvey = await copyRow(db, 'survey', survey.id, { consultation_id: draftConsultation });
	// A closed survey whose results were never published.
	const unpublishedSurvey = await copyRow(db, 'survey', publishedSurvey.id, { status: 'closed' });
	// Photos (the stored bytes of a demo document) on a visible and on a hidden contribution / idea.
	for (const contributionId of [other.id, hiddenContribution])
		await db
			.insertInto('contribution_photo')
			.values({ contribution_id: contributionId, upload_id: uploadId, position: 9, alt_text: 'Foto' })
			.execute();
	for (const ideaId of [idea.id, hiddenIdea])
		await db
			.insertInto('idea_photo')
			.values({ idea_id: ideaId, upload_id: uploadId, position: 9, alt_text: 'Foto' })
			.execute();
	// Notifications: the resident's own, and one of the moderator (IDOR by id).
	const moderatorUser = await db
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', 'moderation@musterstadt.example')
		.executeTakeFirstOrThrow();
	const notificationFor = (userId: string) =>
		db
			.insertInto('notification')
			.values({
				user_id: userId,
				item_type: 'contribution',
				item_id: other.id,
				message_key: 'outcomes.notifications.status',
				path: `/beteiligung/${market.slug}/beitrag/${other.id}`
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	const otherNotification = await notificationFor(moderatorUser.id);
	const moderatorGrant = await db
		.selectFrom('role_grant')
		.select('id')
		.where('user_id', '=', moderatorUser.id)
		.executeTakeFirstOrThrow();
	// A co-manager of this one consultation (a consultation-scoped grant, no area).
	const coManager = await db
		.insertInto('app_user')
		.values({
			email: CONSULTATION_MANAGER,
			display_name: 'Ko-Leitung Marktplatz',
			password_hash: resident.password_hash,
			email_verified_at: new Date(),
			created_at: new Date(Date.now() - 30 * 86_400_000)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_grant')
		.values({
			user_id: coManager.id,
			role: 'quarter_manager',
			scope_type: 'consultation',
			scope_id: market.id
		})
		.execute();
	const planner = await db
		.selectFrom('app_user')
		.select('id')
		.where('email', '=', 'planung@musterstadt.example')
		.executeTakeFirstOrThrow();
	const report = await db
		.insertInto('report_definition')
		.values({ title: 'Bericht Authz', owner_id: planner.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	const grant = await db
		.selectFrom('role_grant')
		.select('id')
		.where('user_id', '=', resident.id)
		.executeTakeFirstOrThrow();
	const indicator = await db
		.selectFrom('indicator')
		.select(['id', 'key'])
		.where('visibility', '=', 'public')
		.where('numerator_id', 'is', null)
		.orderBy('sort_order')
		.executeTakeFirstOrThrow();
	// An internal indicator with the same values: neither listed nor served by the open data.
	const internalIndicator = await copyRow(db, 'indicator', indicator.id, {
		key: 'authz-intern',
		visibility: 'internal',
		in_composite_index: false
	});
	const values = await db
		.selectFrom('indicator_value')
		.selectAll()
		.where('indicator_id', '=', indicator.id)
		.execute();
	if (values.length === 0) throw new Error('the public demo indicator has no values');
	await db
		.insertInto('indicator_value')
		.values(values.map((v) => ({ ...v, indicator_id: internalIndicator, import_id: null })))
		.execute();
	const page = await db.selectFrom('page_text').select('slug').executeTakeFirst();
	const slug = market.slug;
	const emails: AuthzFixtures['emails'] = {
		resident: 'bewohner@musterstadt.example',
		organisationMember: 'traeger@musterstadt.example',
		otherManager: OTHER_MANAGER,
		quarterManager: 'quartier@musterstadt.example',
		consultationManager: CONSULTATION_MANAGER,
		moderator: 'moderation@musterstadt.example',
		planner: 'planung@musterstadt.example',
		admin: 'admin@musterstadt.example'
	};
	// Each signed-in role's own notification (marking it read succeeds once per role).
	const notifications: Params = { anonymous: randomUUID() };
	for (const [role, email] of Object.entries(emails)) {
		const user = await db
			.selectFrom('app_user')
			.select('id')
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		notifications[role] = (await notificationFor(user.id)).id;
	}
	return {
		objects: {
			consultation: { slug },
			'contribution:own': { slug: own.slug, id: own.id },
			'contribution:other': { slug: other.slug, id: other.id, upload: uploadId },
			'contribution:spare': { slug: spare.slug, id: spare.id },
			workshopResult: { slug, id: workshopResult.id },
			idea: { slug, id: idea.id, upload: uploadId },
			survey: { slug, id: survey.id, page: '1', format: 'csv', file: randomUUID() },
			'survey:published': { slug: publishedSurvey.slug, id: publishedSurvey.id },
			'survey:draft': { slug: 'authz-entwurf', id: draftSurvey, page: '1' },
			'survey:unpublished': { slug: publishedSurvey.slug, id: unpublishedSurvey },
			event: { id: event.id, occurrenceId: occurrence.id, registrationId: registration.id },
			'event:other': { id: otherEvent.id, occurrenceId: otherOccurrence.id },
			'event:draft': { id: draftEvent, occurrenceId: draftOccurrence },
			registration: { ...registrations, id: event.id, registrationId: registration.id },
			'registration:other': { id: event.id, registrationId: otherRegistration.id },
			eventDocument: { id: event.id, docId: eventDocument },
			'eventDocument:otherEvent': { id: event.id, docId: otherDocument },
			measure: { id: measure.id },
			'measure:other': { id: otherMeasure.id },
			'measure:draft': { id: draftMeasure },
			'consultation:draft': { slug: 'authz-entwurf', id: draftConsultation },
			'consultation:pictured': { slug: 'authz-bild', id: picturedConsultation },
			'contribution:draft': { slug: 'authz-entwurf', id: draftContribution },
			'contribution:hidden': { slug, id: hiddenContribution, upload: uploadId },
			'idea:hidden': { slug, id: hiddenIdea, upload: uploadId, title: 'Versteckte Idee Authz' },
			'notification:own': notifications,
			'notification:other': { id: otherNotification.id },
			user: { id: resident.id, grantId: grant.id },
			grant: { id: resident.id, grantId: grant.id },
			// A grant of another person named under the resident: IDOR on the revocation.
			'grant:other': { id: resident.id, grantId: moderatorGrant.id },
			report: { id: report.id },
			area: { key: coveredArea.key },
			indicator: { id: indicator.id, key: indicator.key },
			'indicator:internal': { id: internalIndicator, key: 'authz-intern' },
			page: { slug: page?.slug ?? 'impressum' },
			missing: { slug, id: randomUUID() },
			token: { token: 'x'.repeat(43) }
		},
		emails
	};
}

function paramsFor(route: StateChangingRoute, fixture: Fixture | undefined, f: AuthzFixtures): Params {
	const base: Params = { ...f.objects.consultation, page: '1', format: 'csv' };
	if (fixture) return { ...base, ...f.objects[fixture] };
	const params: Params = { ...base };
	const prefix = Object.keys(DEFAULT_FIXTURES)
		.filter((p) => route.route.startsWith(p))
		.sort((a, b) => b.length - a.length)[0];
	if (prefix)
		for (const [name, fx] of Object.entries(DEFAULT_FIXTURES[prefix]))
			Object.assign(params, { [name]: f.objects[fx][name] ?? f.objects[fx].id });
	if (route.route.includes('[token]')) params.token = f.objects.token.token;
	return params;
}

/** `@fixture` / `@fixture.field` → that object's id or field; anything else as it is. */
function resolve(value: string, f: AuthzFixtures): string {
	if (!value.startsWith('@')) return value;
	const [fixture, field = 'id'] = value.slice(1).split('.');
	const resolved = f.objects[fixture as Fixture]?.[field];
	if (resolved === undefined) throw new Error(`no fixture value for ${value}`);
	return resolved;
}

/** The form fields; `{role}` in a value names the asking role (`@registration.{role}`: its own). */
function formFor(form: Record<string, string> | undefined, f: AuthzFixtures, role: MatrixRole): string {
	return new URLSearchParams(
		Object.entries(form ?? {}).map(([k, v]) => [k, resolve(v.replace('{role}', role), f)])
	).toString();
}

function queryFor(query: string | undefined, f: AuthzFixtures): string {
	if (!query) return '';
	const q = new URLSearchParams(query);
	return '?' + new URLSearchParams([...q].map(([k, v]) => [k, resolve(v, f)])).toString();
}
type Outcome = 'admitted' | 'refused' | 'error';
function classify(response: Response, text: string): Outcome {
	let status = response.status;
	let location = response.headers.get('location') ?? '';
	if (response.headers.get('content-type')?.startsWith('application/json') && status === 200) {
		const body = JSON.parse(text) as { type?: string; status?: number; location?: string };
		if (body.type === 'redirect') [status, location] = [body.status ?? 303, body.location ?? ''];
		else if (body.type === 'failure') status = body.status ?? 400;
	}
	if (status >= 500) return 'error';
	if ([401, 403, 404].includes(status)) return 'refused';
	if (status >= 300 && status < 400 && /^\/anmelden(\?|$)/.test(location)) return 'refused';
	return 'admitted';
}

/** A page's `__data.json`: a redirect or an error node (with its status) inside a 200 JSON. */
function classifyPageData(response: Response, text: string): Outcome {
	if (response.status >= 500) return 'error';
	if (response.status >= 400) return 'refused';
	const body = JSON.parse(text) as {
		type: string;
		location?: string;
		nodes?: ({ type: string; status?: number } | null)[];
	};
	if (body.type === 'redirect') return /^\/anmelden(\?|$)/.test(body.location ?? '') ? 'refused' : 'admitted';
	const failed = body.nodes?.find((n) => n?.type === 'error');
	if (!failed) return 'admitted';
	return (failed.status ?? 500) >= 500 ? 'error' : 'refused';
}

/** A download: admitted is a 2xx (or a redirect elsewhere than sign-in); 4xx refused. */
function classifyRead(response: Response): Outcome {
	const status = response.status;
	const location = response.headers.get('location') ?? '';
	if (status >= 500) return 'error';
	if (status >= 400) return 'refused';
	if (status >= 300 && /^\/anmelden(\?|$)/.test(location)) return 'refused';
	return 'admitted';
}

/** Run by security.test.ts against the shared demo app; `fixtures` picks this suite's objects. */
export function authzSuite<T>(shared: () => DemoApp<T>, fixtures: (all: T) => AuthzFixtures) {
	describe('authorisation matrix (built app, real HTTP)', () => {
		let demo: { app: DemoApp<T>['app']; fixtures: AuthzFixtures };
		const sessions: Partial<Record<MatrixRole, string>> = {};
		const routes = listMatrixRoutes(path.resolve('src/routes'));
		// Reads come first (before anything is deleted or cancelled); deleting comes after editing, and
		// signing out ends the session: those run last.
		const late = (r: StateChangingRoute) =>
			r.route === '/abmelden'
				? 3
				: r.action === 'delete'
					? 2
					: r.action === 'GET' && r.kind !== 'action'
						? 0
						: 1;
		routes.sort((a, b) => late(a) - late(b));

		beforeAll(async () => {
			demo = { app: shared().app, fixtures: fixtures(shared().fixtures) };
			let n = 0;
			for (const role of ROLES) {
				if (role === 'anonymous') continue;
				const { token } = await signInOverHttp(demo.app.base, demo.fixtures.emails[role], {
					address: `203.0.113.${++n}`
				});
				if (!token) throw new Error(`${role} could not sign in`);
				sessions[role] = token;
			}
		}, 60_000);

		async function request(
			route: StateChangingRoute,
			role: MatrixRole,
			params: Params,
			opts: { valid?: boolean; form?: Record<string, string>; query?: string } = {}
		): Promise<{ outcome: Outcome; text: string; status: number }> {
			const base = demo.app.base;
			const read = route.action === 'GET' && route.kind !== 'action';
			const headers: Record<string, string> = {
				'x-forwarded-for': `198.18.${ROLES.indexOf(role)}.${(routes.indexOf(route) % 250) + 1}`,
				...(sessions[role] ? { cookie: `qk_session=${sessions[role]}` } : {})
			};
			// A page's GET asks for its server data (`__data.json`: every server load of the page and its
			// layouts, where the permission checks are) without rendering the HTML: a fifth of the time.
			const page = route.kind === 'page';
			const url =
				base +
				(read
					? fillRoute(route.route, params).replace(/\/$/, '') + (page ? '/__data.json' : '')
					: postTarget(route, params)) +
				queryFor(opts.query, demo.fixtures);
			const response = await fetch(
				url,
				read
					? { redirect: 'manual', headers: { ...headers, accept: 'text/html,application/json,*/*' } }
					: {
							method: route.kind === 'endpoint' ? route.action : 'POST',
							redirect: 'manual',
							headers: {
								...headers,
								origin: base,
								// As the enhanced form posts: SvelteKit answers JSON ({ type, status, location })
								// without rendering the page (a tenth of the time of the no-JavaScript post).
								accept: 'application/json',
								'x-sveltekit-action': 'true',
								'content-type': 'application/x-www-form-urlencoded'
							},
							body: formFor(opts.form, demo.fixtures, role)
						}
			);
			const text = await response.text();
			let outcome = page
				? classifyPageData(response, text)
				: read
					? classifyRead(response)
					: classify(response, text);
			// Complete input: anything but success is a refusal (a forbidden edit may answer 400).
			if (opts.valid && outcome === 'admitted' && /"type":"failure"/.test(text)) outcome = 'refused';
			if (opts.valid && outcome === 'admitted' && response.status >= 400) outcome = 'refused';
			if (process.env.AUTHZ_DEBUG)
				console.log(
					routeKey(route),
					role,
					response.status,
					response.headers.get('location'),
					outcome,
					text.slice(0, 120).replace(/\s+/g, ' ')
				);
			return { outcome, text, status: response.status };
		}

		/** Runs one entry: every role, its IDOR cases and what it conceals; returns what went wrong. */
		async function runEntry(route: StateChangingRoute): Promise<string[]> {
			const wrong: string[] = [];
			const key = routeKey(route);
			const entry = AUTHZ_MATRIX[key];
			if (!entry) return [`no matrix entry for ${key}`];
			const f = demo.fixtures;
			const params = paramsFor(route, entry.fixture, f);
			const opts = { valid: entry.valid, form: entry.form, query: entry.query };
			const expect1 = async (role: MatrixRole) => {
				const expected: Outcome = entry.allow.includes(role) ? 'admitted' : 'refused';
				const { outcome } = await request(route, role, params, opts);
				if (outcome !== expected) wrong.push(`${key} as ${role}: ${outcome}, expected ${expected}`);
			};
			// Reads change nothing: all roles at once. Writes: the admitted roles one after the other, then
			// the refused ones at once (a refused request changes nothing; if one does, this case fails).
			if (route.action === 'GET' && route.kind !== 'action') await Promise.all(ROLES.map(expect1));
			else {
				for (const role of entry.allow) await expect1(role);
				await Promise.all(ROLES.filter((r) => !entry.allow.includes(r)).map(expect1));
			}
			for (const idor of entry.idor ?? []) {
				const { outcome } = await request(route, idor.role, paramsFor(route, idor.other, f), {
					...opts,
					form: idor.form ?? entry.form
				});
				if (outcome !== 'refused') wrong.push(`${key} as ${idor.role} on ${idor.other}: ${outcome} (IDOR)`);
			}
			for (const c of entry.conceals ?? [])
				if (c.accepted) {
					const got = await request(route, 'resident', params, { form: c.form, valid: true });
					if (got.outcome !== 'admitted')
						wrong.push(`${key} as resident: the complete form is not taken (the check could not fail)`);
				}
			for (const c of entry.conceals ?? [])
				for (const role of c.role ? [c.role] : (['anonymous', 'resident'] as const)) {
					const got = await request(route, role, paramsFor(route, c.fixture ?? entry.fixture, f), {
						query: c.query ?? entry.query,
						form: c.form,
						valid: !!c.form
					});
					const what = `${key} as ${role}${c.fixture ? ` on ${c.fixture}` : ''}${c.query ? `?${c.query}` : ''}`;
					if (!c.absent) {
						if (got.outcome !== 'refused') wrong.push(`${what}: ${got.outcome}, must look missing`);
						continue;
					}
					if (got.status !== 200) wrong.push(`${what}: ${got.status}, expected 200`);
					if (c.present && !got.text.includes(resolve(c.present, f)))
						wrong.push(`${what}: ${c.present} is missing (the check could not fail)`);
					if (got.text.includes(resolve(c.absent, f))) wrong.push(`${what}: reveals ${c.absent}`);
				}
			return wrong;
		}

		it('walks every route with every role: reads, downloads and management pages first', async () => {
			const wrong: string[] = [];
			for (const route of routes) {
				const started = Date.now();
				wrong.push(...(await runEntry(route)));
				if (process.env.AUTHZ_DEBUG) console.log('TIME', routeKey(route), Date.now() - started);
			}
			expect(wrong).toEqual([]);
		}, 300_000);
	});
}
