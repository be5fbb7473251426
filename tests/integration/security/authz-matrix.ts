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
	listStateChangingRoutes,
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
		.select(['id', 'level_id', 'parent_id'])
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
	const event = await db.selectFrom('event').select('id').executeTakeFirstOrThrow();
	const occurrence = await db
		.selectFrom('event_occurrence')
		.select('id')
		.where('event_id', '=', event.id)
		.executeTakeFirstOrThrow();
	const eventDocument = await db
		.selectFrom('event_document')
		.select(['id', 'event_id'])
		.orderBy('created_at')
		.executeTakeFirstOrThrow();
	const measure = await db.selectFrom('measure').select('id').executeTakeFirstOrThrow();
	const grant = await db
		.selectFrom('role_grant')
		.select('id')
		.where('user_id', '=', resident.id)
		.executeTakeFirstOrThrow();
	const indicator = await db.selectFrom('indicator').select('id').executeTakeFirstOrThrow();
	const page = await db.selectFrom('page_text').select('slug').executeTakeFirst();
	const slug = market.slug;
	return {
		objects: {
			consultation: { slug },
			'contribution:own': { slug: own.slug, id: own.id },
			'contribution:other': { slug: other.slug, id: other.id },
			'contribution:spare': { slug: spare.slug, id: spare.id },
			workshopResult: { slug, id: workshopResult.id },
			idea: { slug, id: idea.id },
			survey: { slug, id: survey.id, page: '1' },
			event: { id: event.id, occurrenceId: occurrence.id },
			eventDocument: { id: eventDocument.event_id, docId: eventDocument.id },
			measure: { id: measure.id },
			user: { id: resident.id, grantId: grant.id },
			grant: { id: resident.id, grantId: grant.id },
			indicator: { id: indicator.id },
			page: { slug: page?.slug ?? 'impressum' },
			missing: { slug, id: randomUUID() },
			token: { token: 'x'.repeat(43) }
		},
		emails: {
			resident: 'bewohner@musterstadt.example',
			otherManager: OTHER_MANAGER,
			moderator: 'moderation@musterstadt.example',
			planner: 'planung@musterstadt.example',
			admin: 'admin@musterstadt.example'
		}
	};
}

function paramsFor(route: StateChangingRoute, fixture: Fixture | undefined, f: AuthzFixtures): Params {
	if (fixture) return { ...f.objects.consultation, page: '1', ...f.objects[fixture] };
	const params: Params = { ...f.objects.consultation, page: '1' };
	const prefix = Object.keys(DEFAULT_FIXTURES)
		.filter((p) => route.route.startsWith(p))
		.sort((a, b) => b.length - a.length)[0];
	if (prefix)
		for (const [name, fx] of Object.entries(DEFAULT_FIXTURES[prefix]))
			Object.assign(params, { [name]: f.objects[fx][name] ?? f.objects[fx].id });
	if (route.route.includes('[token]')) params.token = f.objects.token.token;
	return params;
}

function formFor(form: Record<string, string> | undefined, f: AuthzFixtures): string {
	const resolved = Object.entries(form ?? {}).map(([k, v]) => {
		if (!v.startsWith('@')) return [k, v];
		const [fixture, field = 'id'] = v.slice(1).split('.');
		return [k, f.objects[fixture as Fixture][field]];
	});
	return new URLSearchParams(resolved).toString();
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

/** Run by security.test.ts against the shared demo app; `fixtures` picks this suite's objects. */
export function authzSuite<T>(shared: () => DemoApp<T>, fixtures: (all: T) => AuthzFixtures) {
	describe('authorisation matrix (built app, real HTTP)', () => {
		let demo: { app: DemoApp<T>['app']; fixtures: AuthzFixtures };
		const sessions: Partial<Record<MatrixRole, string>> = {};
		const routes = listStateChangingRoutes(path.resolve('src/routes'));
		// Deleting comes after editing, and signing out ends the session: those run last.
		const late = (r: StateChangingRoute) => (r.route === '/abmelden' ? 2 : r.action === 'delete' ? 1 : 0);
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

		async function post(route: StateChangingRoute, role: MatrixRole, params: Params, valid = false) {
			const base = demo.app.base;
			const response = await fetch(base + postTarget(route, params), {
				method: route.kind === 'endpoint' ? route.action : 'POST',
				redirect: 'manual',
				headers: {
					origin: base,
					// As the enhanced form posts: SvelteKit answers JSON ({ type, status, location }) without
					// rendering the page (a tenth of the time of the no-JavaScript post).
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': `198.18.${ROLES.indexOf(role)}.${(routes.indexOf(route) % 250) + 1}`,
					...(sessions[role] ? { cookie: `qk_session=${sessions[role]}` } : {})
				},
				body: formFor(AUTHZ_MATRIX[routeKey(route)]?.form, demo.fixtures)
			});
			const text = await response.text();
			let outcome = classify(response, text);
			// Complete input: anything but success is a refusal (a forbidden edit may answer 400).
			if (valid && outcome === 'admitted' && /"type":"failure"/.test(text)) outcome = 'refused';
			if (valid && outcome === 'admitted' && response.status >= 400) outcome = 'refused';
			if (process.env.AUTHZ_DEBUG)
				console.log(
					routeKey(route),
					role,
					response.status,
					response.headers.get('location'),
					outcome,
					text.slice(0, 120).replace(/\s+/g, ' ')
				);
			return outcome;
		}

		it('walks every state-changing route with every role', async () => {
			const wrong: string[] = [];
			for (const route of routes) {
				const key = routeKey(route);
				const entry = AUTHZ_MATRIX[key];
				expect(entry, `no matrix entry for ${key}`).toBeDefined();
				const params = paramsFor(route, entry.fixture, demo.fixtures);
				for (const role of ROLES) {
					const expected: Outcome = entry.allow.includes(role) ? 'admitted' : 'refused';
					const got = await post(route, role, params, entry.valid);
					if (got !== expected) wrong.push(`${key} as ${role}: ${got}, expected ${expected}`);
				}
				if (entry.idor) {
					const got = await post(
						route,
						entry.idor.role,
						paramsFor(route, entry.idor.other, demo.fixtures),
						entry.valid
					);
					if (got !== 'refused')
						wrong.push(`${key} as ${entry.idor.role} on ${entry.idor.other}: ${got} (IDOR)`);
				}
			}
			expect(wrong).toEqual([]);
		}, 240_000);
	});
}
