// Consultation commands on both databases: create within the manager's areas, co-managers, status
// workflow with publishing requirements, read-only when closed, list filters, HTML as plain text.
import { expect, it } from 'vitest';
import {
	addTeamMember,
	changeConsultationStatus,
	createConsultation,
	emptyFormValues,
	getConsultationBySlug,
	listConsultations,
	parseConsultationForm,
	updateConsultation,
	type ConsultationInput
} from '../../../src/lib/server/consultations';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser } from '../helpers/roles-fixtures';

function input(areaIds: string[], overrides: Partial<ConsultationInput> = {}): ConsultationInput {
	const parsed = parseConsultationForm({
		...emptyFormValues(),
		title: 'Spielplatz am Fluss',
		participationLevel: 'konsultation',
		contactName: 'Frau Beispiel',
		canInfluence: 'Die Spielgeräte',
		alreadyDecided: 'Der Ort',
		outcomePlan: 'Auswertung im Mai',
		areaIds,
		categories: 'Grün\nSicherheit',
		phases: [{ name: 'Information', description: '', startsOn: '2026-01-01', endsOn: '2026-01-31' }]
	});
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return { ...parsed.data, ...overrides };
}

describeEachDatabase('consultation commands', (get) => {
	it('a quarter manager creates in their Stadtteil, is refused outside; a co-manager edits; a resident cannot', async () => {
		const db = get().db;
		const tree = await insertAreaTree(db, 'c');
		const managerId = await insertUser(db);
		await db
			.insertInto('role_grant')
			.values({ user_id: managerId, role: 'quarter_manager', scope_type: 'area', scope_id: tree.altstadt })
			.execute();
		const manager = await actorFor(db, managerId);
		const now = new Date();

		const outside = await createConsultation(
			{ db, actor: manager, now },
			input([tree.quartierC], { slug: 'aussen' })
		);
		expect(outside).toEqual({ ok: false, code: 'forbidden' });
		const mixed = await createConsultation(
			{ db, actor: manager, now },
			input([tree.quartierA, tree.quartierC], { slug: 'gemischt' })
		);
		expect(mixed).toEqual({ ok: false, code: 'forbidden' });

		const created = await createConsultation({ db, actor: manager, now }, input([tree.quartierA]));
		expect(created).toMatchObject({ ok: true, value: { slug: 'spielplatz-am-fluss' } });
		const again = await createConsultation({ db, actor: manager, now }, input([tree.quartierB]));
		expect(again).toEqual({ ok: false, code: 'slug_taken' });
		if (!created.ok) return;
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', created.value.id)
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['consultation.create']);

		const residentId = await insertUser(db, { roles: ['resident'] });
		const resident = await actorFor(db, residentId);
		expect(
			await updateConsultation({ db, actor: resident, now }, created.value.id, input([tree.quartierA]))
		).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect(await getConsultationBySlug(db, 'spielplatz-am-fluss', resident)).toBeNull();

		// Another quarter manager (Hafen) is a stranger here, until added as co-manager.
		const otherId = await insertUser(db);
		await db
			.insertInto('role_grant')
			.values({ user_id: otherId, role: 'quarter_manager', scope_type: 'area', scope_id: tree.hafen })
			.execute();
		const other = await actorFor(db, otherId);
		const otherEmail = (
			await db.selectFrom('app_user').select('email').where('id', '=', otherId).executeTakeFirstOrThrow()
		).email;
		expect(
			await addTeamMember({ db, actor: other, now }, created.value.id, otherEmail, 'quarter_manager')
		).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect(
			await addTeamMember(
				{ db, actor: manager, now },
				created.value.id,
				otherEmail.toUpperCase(),
				'quarter_manager'
			)
		).toMatchObject({
			ok: true
		});
		expect(
			await addTeamMember({ db, actor: manager, now }, created.value.id, otherEmail, 'quarter_manager')
		).toEqual({
			ok: false,
			code: 'already_manager'
		});
		expect(
			await addTeamMember(
				{ db, actor: manager, now },
				created.value.id,
				'niemand@example.org',
				'quarter_manager'
			)
		).toEqual({
			ok: false,
			code: 'user_not_found'
		});
		const coManager = await actorFor(db, otherId);
		const edited = await updateConsultation(
			{ db, actor: coManager, now },
			created.value.id,
			input([tree.quartierA], { title: 'Spielplatz am Fluss (neu)', categories: ['Sicherheit', 'Licht'] })
		);
		expect(edited).toMatchObject({ ok: true });
		// A co-manager cannot move the consultation into areas they do not run.
		expect(
			await updateConsultation({ db, actor: coManager, now }, created.value.id, input([tree.quartierB]))
		).toEqual({ ok: false, code: 'forbidden' });
		const detail = await getConsultationBySlug(db, 'spielplatz-am-fluss', coManager);
		expect(detail?.title).toBe('Spielplatz am Fluss (neu)');
		expect(detail?.categories.map((c) => c.name)).toEqual(['Sicherheit', 'Licht']);
	});

	it('publishing needs the statements; closing needs confirmation; closed is read-only; archived leaves the list', async () => {
		const db = get().db;
		const tree = await insertAreaTree(db, 'p');
		const plannerId = await insertUser(db, { roles: ['planner'] });
		const planner = await actorFor(db, plannerId);
		const now = new Date();
		const ctx = { db, actor: planner, now };
		const created = await createConsultation(
			ctx,
			input([tree.altstadt], { slug: 'ohne-aussagen', canInfluence: '', outcomePlan: '' })
		);
		if (!created.ok) throw new Error(created.code);
		const id = created.value.id;

		expect(await changeConsultationStatus(ctx, id, 'published', false)).toEqual({
			ok: false,
			code: 'incomplete',
			missing: ['canInfluence', 'outcomePlan']
		});
		expect(await changeConsultationStatus(ctx, id, 'closed', true)).toEqual({
			ok: false,
			code: 'invalid_transition'
		});
		expect(
			await updateConsultation(ctx, id, input([tree.altstadt], { slug: 'ohne-aussagen' }))
		).toMatchObject({
			ok: true
		});
		expect(await changeConsultationStatus(ctx, id, 'published', false)).toEqual({
			ok: true,
			value: { status: 'published' }
		});
		// Once published, the statements cannot be emptied again.
		expect(
			await updateConsultation(ctx, id, input([tree.altstadt], { slug: 'ohne-aussagen', alreadyDecided: '' }))
		).toMatchObject({ ok: false, code: 'incomplete', missing: ['alreadyDecided'] });

		// Visible to everyone now; listed for the Quartier below and the city above, not for Hafen.
		expect(await getConsultationBySlug(db, 'ohne-aussagen', null)).toMatchObject({ status: 'published' });
		expect((await listConsultations(db, { area: 'p-111' })).items.map((i) => i.slug)).toEqual([
			'ohne-aussagen'
		]);
		expect((await listConsultations(db, { area: 'p-0' })).total).toBe(1);
		expect((await listConsultations(db, { area: 'p-211' })).total).toBe(0);
		expect((await listConsultations(db, { area: 'p-unbekannt' })).total).toBe(0);
		expect((await listConsultations(db, { area: 'p-11', status: 'closed' })).total).toBe(0);

		expect(await changeConsultationStatus(ctx, id, 'closed', false)).toEqual({
			ok: false,
			code: 'confirmation_required'
		});
		expect(await changeConsultationStatus(ctx, id, 'closed', true)).toMatchObject({ ok: true });
		expect(await updateConsultation(ctx, id, input([tree.altstadt], { slug: 'ohne-aussagen' }))).toEqual({
			ok: false,
			code: 'read_only'
		});
		expect((await listConsultations(db, { area: 'p-11', status: 'closed' })).total).toBe(1);

		expect(await changeConsultationStatus(ctx, id, 'archived', true)).toMatchObject({ ok: true });
		expect((await listConsultations(db, { area: 'p-11' })).total).toBe(0);
		expect((await listConsultations(db, { area: 'p-11', status: 'archived' })).total).toBe(1);
		expect(await getConsultationBySlug(db, 'ohne-aussagen', null)).toMatchObject({ status: 'archived' });

		const actions = await db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', id)
			.orderBy('created_at')
			.orderBy('action')
			.execute();
		expect(actions.map((a) => a.action).sort()).toEqual(
			[
				'consultation.archive',
				'consultation.close',
				'consultation.create',
				'consultation.publish',
				'consultation.update'
			].sort()
		);
	});

	it('stores an HTML/script payload in every text field as given (rendered as text by the pages)', async () => {
		const db = get().db;
		const tree = await insertAreaTree(db, 'x');
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
		const created = await createConsultation(
			{ db, actor: planner, now: new Date() },
			input([tree.quartierA], {
				slug: 'payload',
				title: payload,
				summary: payload,
				description: payload,
				canInfluence: payload,
				alreadyDecided: payload,
				outcomePlan: payload,
				contactName: payload,
				categories: [payload],
				phases: [{ name: payload, description: payload, startsOn: null, endsOn: null }]
			})
		);
		expect(created.ok).toBe(true);
		const c = await getConsultationBySlug(db, 'payload', planner);
		for (const value of [
			c?.title,
			c?.summary,
			c?.description,
			c?.canInfluence,
			c?.alreadyDecided,
			c?.outcomePlan,
			c?.contactName,
			c?.categories[0].name,
			c?.phases[0].name,
			c?.phases[0].description
		])
			expect(value).toBe(payload);
	});
});
