// Themes on both databases: tagging (bulk, untag, unknown items), counts per area with small-number
// suppression, quotes only from published input, suggestions by German full text, new theme names from
// frequent lexemes, anonymous survey answers tagged by value (no response id anywhere), permissions
// (a resident or a quarter manager of another consultation gets "not found"), personal data.
import { beforeAll, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { can } from '../../../src/lib/server/auth/permissions';
import type { DB } from '../../../src/lib/server/db/types';
import { exportPersonalData } from '../../../src/lib/server/participation/personal-data';
import {
	createTheme,
	deleteTheme,
	listTaggableItems,
	listThemes,
	renameTheme,
	suggestNewThemes,
	suggestThemesForItems,
	tagItems,
	taggingConsultation,
	themesForReport,
	TaggingQuery,
	writeSynthesis
} from '../../../src/lib/server/themes';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertAreaTree, insertUser, type AreaTree } from '../helpers/roles-fixtures';
import { insertConsultation } from '../contributions/fixtures';

const now = new Date('2026-12-01T10:00:00Z');

describeEachDatabase('themes', (get) => {
	let db: Kysely<DB>;
	let areas: AreaTree;
	let planner: Actor;
	let resident: Actor;
	let otherManager: Actor;
	let manager: Actor;
	let consultation: { id: string; slug: string };
	let other: { id: string; slug: string };
	const ctx = (actor: Actor) => ({ db, actor, now });

	async function contribution(body: string, areaIds: string[], status = 'published'): Promise<string> {
		const row = await db
			.insertInto('contribution')
			.values({ consultation_id: consultation.id, body, status, area_keys: [] })
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const area_id of areaIds)
			await db.insertInto('contribution_area').values({ contribution_id: row.id, area_id }).execute();
		return row.id;
	}

	beforeAll(async () => {
		db = get().db;
		areas = await insertAreaTree(db, 'th');
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'], name: 'Petra Planerin' }));
		resident = await actorFor(db, await insertUser(db, { name: 'Rolf Resident' }));
		consultation = await insertConsultation(db, { areaIds: [areas.altstadt, areas.hafen] });
		other = await insertConsultation(db, { areaIds: [areas.hafen] });
		const grant = async (role: 'quarter_manager', scope: string) => {
			const id = await insertUser(db);
			await db
				.insertInto('role_grant')
				.values({ user_id: id, role, scope_type: 'consultation', scope_id: scope })
				.execute();
			return actorFor(db, id);
		};
		manager = await grant('quarter_manager', consultation.id);
		otherManager = await grant('quarter_manager', other.id);
	});

	it('a planner creates a theme, tags several items at once, and counts them per area with suppression', async () => {
		const a = areas;
		const ids = [
			await contribution('Die Bäume am Marktplatz brauchen mehr Schatten und Wasser.', [
				a.city,
				a.nord,
				a.altstadt,
				a.quartierA
			]),
			await contribution('Mehr Bäume in der Altstadt, bitte!', [a.city, a.nord, a.altstadt, a.quartierA]),
			await contribution('Baumpflanzungen an der Schulstraße wären schön.', [
				a.city,
				a.nord,
				a.altstadt,
				a.quartierB
			]),
			await contribution('Bäume am Hafenbecken fehlen völlig.', [a.city, a.sued, a.hafen, a.quartierC]),
			await contribution(
				'Ein Baum vor dem Kiosk wäre gut, meint jan@example.org',
				[a.city, a.sued, a.hafen, a.quartierC],
				'hidden'
			)
		];
		const created = await createTheme(ctx(planner), { name: 'Stadtgrün', consultationId: consultation.id });
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const tagged = await tagItems(ctx(planner), {
			themeId: created.value.id,
			consultationId: consultation.id,
			items: ids.map((itemId) => ({ itemType: 'contribution' as const, itemId })),
			mode: 'tag'
		});
		expect(tagged).toEqual({ ok: true, value: { changed: 5 } });
		// Tagging again changes nothing.
		const again = await tagItems(ctx(planner), {
			themeId: created.value.id,
			consultationId: consultation.id,
			items: [{ itemType: 'contribution', itemId: ids[0] }],
			mode: 'tag'
		});
		expect(again).toEqual({ ok: true, value: { changed: 0 } });

		const [summary] = await themesForReport(db, {
			areaIds: [a.altstadt, a.hafen, a.quartierA, a.quartierB],
			consultationIds: [consultation.id],
			themeIds: [created.value.id]
		});
		const byArea = new Map(summary.countsByArea.map((c) => [c.areaId, c]));
		// Hafen has 2 (one hidden but tagged): below k = 3, suppressed, the count not handed out.
		expect(byArea.get(a.hafen)).toEqual({ areaId: a.hafen, count: 0, suppressed: true });
		// The total (5) is published, so the Altstadt (3) is hidden as cover: 5 − 3 would give Hafen back.
		expect(byArea.get(a.altstadt)).toEqual({ areaId: a.altstadt, count: 0, suppressed: true });
		// Quartier A has 2 (suppressed) and Quartier B 1.
		expect(byArea.get(a.quartierA)?.suppressed).toBe(true);
		expect(byArea.get(a.quartierB)?.suppressed).toBe(true);
		// Bezirk Nord alone: 3 units, published, and the total is the same 3.
		const [nord] = await themesForReport(db, { areaIds: [a.nord], themeIds: [created.value.id] });
		expect(nord.countsByArea).toEqual([{ areaId: a.nord, count: 3, suppressed: false }]);
		expect(nord.count).toBe(3);
		expect(nord.quotes.every((q) => q.areaName === 'Nord')).toBe(true);
		expect(summary.count).toBe(5);
		expect(summary.countSuppressed).toBe(false);
		// Quotes: published only (never the hidden one with the e-mail address), up to 3, no area name of a hidden area.
		expect(summary.quotes.length).toBe(3);
		for (const q of summary.quotes) {
			expect(q.text).not.toMatch(/@|Kiosk/);
			expect(q.itemType).toBe('contribution');
			// Every area is hidden in this request: no area name beside a quote.
			expect(q.areaName).toBeNull();
		}
		// A single area: its suppressed count must not come back as the total.
		const [single] = await themesForReport(db, { areaIds: [a.hafen], themeIds: [created.value.id] });
		expect(single.countsByArea[0].suppressed).toBe(true);
		expect(single.countSuppressed).toBe(true);
		expect(single.count).toBe(0);

		// Untag one of them.
		const untagged = await tagItems(ctx(planner), {
			themeId: created.value.id,
			consultationId: consultation.id,
			items: [{ itemType: 'contribution', itemId: ids[4] }],
			mode: 'untag'
		});
		expect(untagged).toEqual({ ok: true, value: { changed: 1 } });
		// Items of another consultation are refused (and nothing is written).
		const foreign = await tagItems(ctx(planner), {
			themeId: created.value.id,
			consultationId: consultation.id,
			items: [{ itemType: 'contribution', itemId: '00000000-0000-4000-8000-000000000000' }],
			mode: 'tag'
		});
		expect(foreign).toEqual({ ok: false, code: 'unknown_items' });
	});

	it('suggests the matching existing theme for a text and new theme names from frequent words', async () => {
		await contribution('Der Spielplatz an der Kirche ist kaputt.', [areas.altstadt]);
		await contribution('Neuer Spielplatz für kleine Kinder gewünscht.', [areas.hafen]);
		await contribution('Spielplätze brauchen Schatten.', [areas.hafen]);
		const suggestions = await suggestThemesForItems(db, consultation.id, [
			{ text: 'Bitte mehr Bäume pflanzen', themeIds: [] },
			{ text: 'Der Bus fährt zu selten', themeIds: [] }
		]);
		expect(suggestions[0].map((s) => s.name)).toContain('Stadtgrün');
		expect(suggestions[0][0].matched).toContain('baum');
		expect(suggestions[1]).toEqual([]);
		const fresh = await suggestNewThemes(db, consultation.id);
		const names = fresh.map((s) => s.name);
		expect(names).toContain('Spielplatz');
		// "Baum" is already covered by the items of Stadtgrün? No: only theme NAMES are excluded, so it may
		// appear — but stop words like "mehr" or "bitte" never do.
		expect(names.map((n) => n.toLowerCase())).not.toContain('mehr');
		expect(names.map((n) => n.toLowerCase())).not.toContain('bitte');
	});

	it('tags anonymous survey answers by their value: identical answers share a tag, no response id leaves', async () => {
		const q = await db
			.insertInto('questionnaire')
			.values({ definition: JSON.stringify({ version: 1, questions: [] }) })
			.returning('id')
			.executeTakeFirstOrThrow();
		const survey = await db
			.insertInto('survey')
			.values({
				consultation_id: consultation.id,
				questionnaire_id: q.id,
				title: 'Umfrage',
				anonymous: true,
				status: 'open'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const responseIds: string[] = [];
		for (const [text, area] of [
			['Mehr Bäume an der Schule', areas.quartierA],
			['Mehr Bäume an der Schule', areas.quartierA],
			['Mehr Bäume an der Schule', areas.quartierB],
			['Der Bus kommt zu selten', areas.quartierC]
		] as const) {
			const r = await db
				.insertInto('survey_response')
				.values({
					survey_id: survey.id,
					answered_on: '2026-11-30',
					complete: true,
					answers: JSON.stringify({
						wunsch: { type: 'long_text', text },
						alter: { type: 'number', number: 40 }
					})
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			responseIds.push(r.id);
			await db
				.insertInto('survey_response_area')
				.values({ response_id: r.id, question_key: 'wohnort', area_id: area })
				.execute();
			await db
				.insertInto('survey_response_area')
				.values({ response_id: r.id, question_key: 'wohnort', area_id: areas.altstadt })
				.execute();
		}
		const page = await listTaggableItems(db, consultation.id, TaggingQuery.parse({ type: 'survey_answer' }));
		expect(page.items.length).toBe(2);
		const trees = page.items.find((i) => i.text.startsWith('Mehr Bäume'))!;
		expect(trees.units).toBe(3);
		const serialised = JSON.stringify(page);
		for (const id of responseIds) expect(serialised).not.toContain(id);

		const theme = await createTheme(ctx(planner), {
			name: 'Schulwege',
			consultationId: consultation.id,
			items: [`survey_answer:${trees.itemId}`]
		});
		expect(theme.ok && theme.value.tagged).toBe(1);
		if (!theme.ok) return;
		const stored = await db
			.selectFrom('theme_tag')
			.selectAll()
			.where('theme_id', '=', theme.value.id)
			.execute();
		expect(stored).toHaveLength(1);
		for (const id of responseIds) expect(JSON.stringify(stored)).not.toContain(id);
		const [altstadt] = await themesForReport(db, { areaIds: [areas.altstadt], themeIds: [theme.value.id] });
		// Three responses gave the answer: 3 units in the Altstadt.
		expect(altstadt.countsByArea).toEqual([{ areaId: areas.altstadt, count: 3, suppressed: false }]);
		const [summary] = await themesForReport(db, {
			areaIds: [areas.quartierA, areas.quartierB, areas.quartierC],
			themeIds: [theme.value.id]
		});
		// 2 in Quartier A and 1 in Quartier B are suppressed; 0 in Quartier C is published.
		expect(summary.countsByArea).toEqual([
			{ areaId: areas.quartierA, count: 0, suppressed: true },
			{ areaId: areas.quartierB, count: 0, suppressed: true },
			{ areaId: areas.quartierC, count: 0, suppressed: false }
		]);
		expect(summary.countSuppressed).toBe(false);
		expect(summary.quotes.map((q) => q.text)).toEqual(['Mehr Bäume an der Schule']);
		expect(summary.quotes[0].itemType).toBe('survey_answer');
	});

	it('keeps themes to staff: residents and managers of other consultations get not_found', async () => {
		expect(can(resident, 'themes.workspace')).toBe(false);
		expect(await taggingConsultation(ctx(resident), consultation.slug)).toBeNull();
		expect(await taggingConsultation(ctx(otherManager), consultation.slug)).toBeNull();
		expect(await taggingConsultation(ctx(manager), consultation.slug)).not.toBeNull();
		expect((await createTheme(ctx(resident), { name: 'X', consultationId: consultation.id })).ok).toBe(false);
		expect(await createTheme(ctx(otherManager), { name: 'X', consultationId: consultation.id })).toEqual({
			ok: false,
			code: 'not_found'
		});
		// City-wide themes are the planners'.
		expect(await createTheme(ctx(manager), { name: 'Überall', consultationId: '' })).toEqual({
			ok: false,
			code: 'not_found'
		});
		const city = await createTheme(ctx(planner), { name: 'Mobilität', consultationId: '' });
		expect(city.ok).toBe(true);
		if (!city.ok) return;
		const themeId = city.value.id;
		expect(await writeSynthesis(ctx(manager), { themeId, synthesis: 'x' })).toEqual({
			ok: false,
			code: 'not_found'
		});
		expect(
			await tagItems(ctx(otherManager), {
				themeId,
				consultationId: consultation.id,
				items: [{ itemType: 'contribution', itemId: '00000000-0000-4000-8000-000000000000' }],
				mode: 'tag'
			})
		).toEqual({ ok: false, code: 'not_found' });
		// The manager of this consultation may tag its input with a city-wide theme.
		const page = await listTaggableItems(db, consultation.id, TaggingQuery.parse({ q: 'Bus' }));
		const bus = page.items.find((i) => i.itemType === 'survey_answer')!;
		expect(
			(await tagItems(ctx(manager), { themeId, consultationId: consultation.id, items: [bus], mode: 'tag' }))
				.ok
		).toBe(true);
		expect(await writeSynthesis(ctx(planner), { themeId, synthesis: 'Busse fahren zu selten.' })).toEqual({
			ok: true,
			value: { id: themeId }
		});
		expect(await renameTheme(ctx(planner), { themeId, name: 'stadtgrün' })).toEqual({
			ok: true,
			value: { id: themeId }
		});
		expect(await createTheme(ctx(planner), { name: 'Stadtgrün', consultationId: '' })).toEqual({
			ok: false,
			code: 'duplicate_name'
		});
		const listed = await listThemes(db, [consultation.id]);
		expect(listed.map((t) => t.name)).toEqual(
			expect.arrayContaining(['Schulwege', 'Stadtgrün', 'stadtgrün'])
		);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', themeId)
			.execute();
		expect(audit.map((r) => r.action).sort()).toEqual([
			'theme.create',
			'theme.rename',
			'theme.synthesis',
			'theme.tag'
		]);
		// Personal data: the manager's tagging is in their staff section.
		const data = (await exportPersonalData(db, manager.id, now)) as {
			sections: { staffWork: { themes: { itemsTagged: unknown[] } } };
		};
		expect(data.sections.staffWork.themes.itemsTagged).toHaveLength(1);
		const deleted = await deleteTheme(ctx(planner), { themeId, confirm: 'yes' });
		expect(deleted).toEqual({ ok: true, value: { id: themeId, tags: 1 } });
		expect(
			await db.selectFrom('theme_tag').select('item_id').where('theme_id', '=', themeId).execute()
		).toEqual([]);
	});
});

describeEachDatabase('themes demo', (get) => {
	it('seeds tagged demo themes with a synthesis, counted and quoted for the report; --remove deletes them', async () => {
		const { seedDemo, removeDemo } = await import('../../../src/lib/server/demo');
		await seedDemo(get());
		const db = get().db;
		const themes = await db.selectFrom('theme').select(['id', 'name']).where('is_demo', '=', true).execute();
		expect(themes.map((t) => t.name).sort()).toEqual([
			'Schatten und Bäume',
			'Sicher über die Straße',
			'Sitzgelegenheiten'
		]);
		const districts = await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select('area.id')
			.where('area_level.rank', '=', 1)
			.where('area.valid_to', 'is', null)
			.execute();
		const summaries = await themesForReport(db, { areaIds: districts.map((d) => d.id) });
		const shade = summaries.find((s) => s.name === 'Schatten und Bäume')!;
		expect(shade.count).toBeGreaterThanOrEqual(3);
		expect(shade.quotes.length).toBe(3);
		for (const q of shade.quotes) expect(q.text).toMatch(/Bäume|Schatten/);
		expect(shade.synthesis).toContain('Schatten');
		await removeDemo(get());
		expect(await db.selectFrom('theme').select('id').execute()).toEqual([]);
	}, 120_000);
});
