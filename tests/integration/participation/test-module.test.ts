// Adding a module needs a folder and one registry line: a test-only module ("Pinnwand", items kept in
// memory here) registered beside the real ones gets a consultation section, moderation (report,
// auto-hide, queue, log), export columns, a personal-data section and the demo hooks — through the
// core services' registry argument, with no core file changed.
import { beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { ParticipationManifest, QueueEntry } from '../../../src/lib/server/participation/component';
import { Registry, registry } from '../../../src/lib/server/participation/registry';
import {
	countQueue,
	listModerationLog,
	listQueue,
	moderateItem,
	reportItem
} from '../../../src/lib/server/participation/moderation';
import { exportPersonalData } from '../../../src/lib/server/participation/personal-data';
import { exportConsultation } from '../../../src/lib/server/participation/exports';
import { removeDemo, seedDemo } from '../../../src/lib/server/demo';
import { administrationSections } from '../../../src/lib/server/auth/administration';
import { SYSTEM_ACTOR } from '../../../src/lib/server/core';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from '../contributions/fixtures';

interface Note {
	id: string;
	consultationId: string;
	authorId: string | null;
	text: string;
	status: string;
	reportCount: number;
	createdAt: Date;
}

/** A whole module in one object: what a folder with manifest.ts and component.ts would hold. */
function pinboardModule(notes: Map<string, Note>, demoCalls: string[]): ParticipationManifest {
	const entry = (n: Note): QueueEntry => ({
		itemType: 'pinboard_note',
		id: n.id,
		consultationId: n.consultationId,
		consultationSlug: '',
		consultationTitle: '',
		path: `/beteiligung/x/pinnwand/${n.id}`,
		parentId: null,
		body: n.text,
		status: n.status,
		categoryName: null,
		channel: 'online',
		authorId: n.authorId,
		authorName: null,
		authorBlocked: false,
		reportCount: n.reportCount,
		hiddenReason: null,
		createdAt: n.createdAt
	});
	const inScope = (n: Note, ids: string[] | null) => ids === null || ids.includes(n.consultationId);
	return {
		key: 'pinboard',
		labelKey: 'test.pinboard',
		segment: 'pinnwand',
		attachesTo: 'consultation',
		section: { titleKey: 'test.pinboard.title', linkKey: 'test.pinboard.link' },
		adminSections: [
			{ href: '/admin/pinnwand', title: 'test.admin', text: 'test.adminText', action: 'admin.access' }
		],
		permissions: { 'pinboard.post': () => true },
		hooks: async () => ({
			moderation: [
				{
					itemType: 'pinboard_note',
					moduleKey: 'pinboard',
					load: async (_db, id) => {
						const n = notes.get(id);
						return n
							? {
									itemType: 'pinboard_note',
									id: n.id,
									consultationId: n.consultationId,
									authorId: n.authorId,
									status: n.status,
									reportCount: n.reportCount,
									path: `/beteiligung/x/pinnwand/${n.id}`
								}
							: null;
					},
					setStatus: async (_trx, id, change) => {
						const n = notes.get(id);
						if (!n || n.status !== change.from) return false;
						n.status = change.to;
						if (change.clearReports) n.reportCount = 0;
						return true;
					},
					addReport: async (_trx, id) => {
						const n = notes.get(id)!;
						n.reportCount++;
						return { reportCount: n.reportCount, status: n.status };
					},
					queue: async (_db, q) =>
						[...notes.values()]
							.filter((n) => inScope(n, q.consultationIds))
							.filter((n) =>
								q.view === 'reported' ? n.status === 'published' && n.reportCount > 0 : n.status === q.view
							)
							.map(entry),
					countQueue: async (_db, ids) => {
						const mine = [...notes.values()].filter((n) => inScope(n, ids));
						return {
							pending: mine.filter((n) => n.status === 'pending').length,
							reported: mine.filter((n) => n.status === 'published' && n.reportCount > 0).length,
							hidden: mine.filter((n) => n.status === 'hidden').length
						};
					},
					paths: async (_db, ids) => new Map(ids.map((id) => [id, `/beteiligung/x/pinnwand/${id}`]))
				}
			],
			exports: [
				{
					key: 'pinboard_notes',
					labelKey: 'test.pinboard',
					columns: [
						{
							key: 'note_id',
							labelKey: 'test.id',
							descriptionKey: 'test.id',
							value: (n: unknown) => (n as Note).id
						},
						{
							key: 'note_text',
							labelKey: 'test.text',
							descriptionKey: 'test.text',
							value: (n: unknown) => (n as Note).text
						}
					],
					rows: async (_ctx, consultationId) =>
						[...notes.values()].filter((n) => n.consultationId === consultationId)
				}
			],
			personalData: [
				{
					key: 'pinboardNotes',
					tables: [],
					collect: async (_db, userId) =>
						[...notes.values()].filter((n) => n.authorId === userId).map((n) => ({ id: n.id, text: n.text }))
				}
			],
			demo: {
				seed: async () => void demoCalls.push('seed'),
				remove: async () => void demoCalls.push('remove')
			}
		})
	};
}

describeEachDatabase('a test-only module on the participation core', (get) => {
	const notes = new Map<string, Note>();
	const demoCalls: string[] = [];
	const withPinboard = new Registry([...registry.components, pinboardModule(notes, demoCalls)]);

	beforeAll(async () => {
		await seedDemo(get(), withPinboard);
	}, 60_000);

	it('gets the demo hooks: seeded with the city, removed with it', async () => {
		expect(demoCalls).toEqual(['remove', 'seed']);
		await removeDemo(get(), withPinboard);
		expect(demoCalls).toEqual(['remove', 'seed', 'remove']);
		await seedDemo(get(), withPinboard);
	});

	it('gets a section on the consultation page and a place in the consultation form', () => {
		expect(withPinboard.sectionsFor(['map_comments', 'pinboard']).map((s) => [s.key, s.segment])).toEqual([
			['map_comments', 'karte'],
			['pinboard', 'pinnwand']
		]);
		expect(withPinboard.moduleInfos().map((m) => m.key)).toContain('pinboard');
		expect(registry.moduleInfos().map((m) => m.key)).not.toContain('pinboard');
		// … and a page in the administration overview.
		expect(administrationSections(SYSTEM_ACTOR, withPinboard).map((s) => s.href)).toContain(
			'/admin/pinnwand'
		);
		expect(administrationSections(SYSTEM_ACTOR).map((s) => s.href)).not.toContain('/admin/pinnwand');
	});

	it('gets moderation, export columns and a personal-data section', async () => {
		const db = get().db;
		const c = await insertConsultation(db, { autoHide: 1 });
		await db
			.updateTable('consultation')
			.set({ modules: ['map_comments', 'pinboard'] })
			.where('id', '=', c.id)
			.execute();
		const authorId = await insertUser(db);
		const noteId = randomUUID();
		notes.set(noteId, {
			id: noteId,
			consultationId: c.id,
			authorId,
			text: 'Ein Zettel an der Pinnwand',
			status: 'published',
			reportCount: 0,
			createdAt: new Date()
		});

		// Reported once (threshold 1): hidden automatically, logged, in the queue.
		const reporter = await actorFor(db, await insertUser(db));
		const reported = await reportItem(
			ctxFor(db, reporter),
			'pinboard_note',
			noteId,
			{ reason: 'Werbung' },
			withPinboard
		);
		expect(reported).toEqual({ ok: true, value: { alreadyReported: false, hidden: true } });
		expect(notes.get(noteId)!.status).toBe('hidden');
		expect((await countQueue(db, [c.id], withPinboard)).hidden).toBe(1);
		const queue = await listQueue(db, [c.id], 'hidden', 1, withPinboard);
		expect(queue.map((q) => [q.itemType, q.id])).toEqual([['pinboard_note', noteId]]);

		// A moderator restores it; the log has both actions with the item's link.
		const moderator = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
		expect(
			await moderateItem(ctxFor(db, moderator), 'pinboard_note', noteId, { action: 'restore' }, withPinboard)
		).toEqual({
			ok: true,
			value: { status: 'published' }
		});
		const log = await listModerationLog(db, [c.id], 1, withPinboard);
		expect(log.entries.map((e) => [e.action, e.itemType, e.itemPath])).toEqual([
			['restore', 'pinboard_note', `/beteiligung/x/pinnwand/${noteId}`],
			['auto_hide', 'pinboard_note', `/beteiligung/x/pinnwand/${noteId}`]
		]);
		// The app's own registry does not know the item type.
		expect(
			(await moderateItem(ctxFor(db, moderator), 'pinboard_note', noteId, { action: 'hide', reason: 'Test' }))
				.ok
		).toBe(false);

		// Export: the module's table and columns, beside the map comments'.
		const planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		const file = await exportConsultation(
			ctxFor(db, planner),
			{ consultationId: c.id, format: 'xlsx' },
			withPinboard
		);
		expect(file.ok && file.value.rowCounts).toEqual({ map_comments: 0, pinboard_notes: 1 });
		const csv = await exportConsultation(
			ctxFor(db, planner),
			{ consultationId: c.id, format: 'csv' },
			withPinboard
		);
		if (!csv.ok) throw new Error(csv.code);
		// Two modules' tables: one CSV each, zipped; the module's has its columns.
		const files = unzipSync(csv.value.bytes);
		const pinboard = Object.entries(files).find(([name]) => name.includes('pinboard_notes'));
		expect(pinboard).toBeDefined();
		expect(new TextDecoder().decode(pinboard![1])).toContain('Ein Zettel an der Pinnwand');

		// Personal data: the module's section is in the person's download.
		const data = (await exportPersonalData(db, authorId, new Date(), withPinboard)) as {
			sections: Record<string, unknown>;
		};
		expect(data.sections.pinboardNotes).toEqual([{ id: noteId, text: 'Ein Zettel an der Pinnwand' }]);
	});
});
