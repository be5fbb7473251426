// The reports page's two lists, saved definitions and uploaded templates, are paged on their own
// (?seite=N, ?vorlagen=N): pages hold at most REPORT_LIST_PAGE_SIZE, newest first, a page beyond the
// last shows the last, an empty list says so; deleting a template returns to the same positions; the
// builder's template choice still offers every template; without planner rights the page is missing.
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { REPORT_LIST_PAGE_SIZE } from '../../../src/lib/server/reports/service';
import { reportChoices } from '../../../src/lib/server/reports';
import { actions, load } from '../../../src/routes/planung/berichte/+page.server';
import { authContext } from '../helpers/auth-context';
import { describeEachDatabase } from '../helpers/db';
import { actorFor, insertUser } from '../helpers/roles-fixtures';

type Lists = {
	definitions: { items: { id: string; title: string }[]; total: number; page: number; pageCount: number };
	templates: { items: { id: string; name: string }[]; total: number; page: number; pageCount: number };
	choices: { templates: { id: string }[] };
};

type Fn = (event: unknown) => Promise<unknown>;
async function call(fn: unknown, event: unknown) {
	try {
		return await (fn as Fn)(event);
	} catch (e) {
		if (isRedirect(e)) return { redirected: e.location };
		if (isHttpError(e)) return { status: e.status };
		throw e;
	}
}

describeEachDatabase('reports page lists', (get) => {
	let planner: Actor;
	const locals = (actor: Actor | null = planner) => ({ ctx: authContext(get(), { actor }) });
	const open = async (query = '', actor?: Actor | null) =>
		(await call(load, {
			locals: locals(actor),
			url: new URL(`https://quartier.example/planung/berichte${query}`)
		})) as Lists;

	beforeAll(async () => {
		const db = get().db;
		planner = await actorFor(db, await insertUser(db, { roles: ['planner'] }));
		await db.deleteFrom('report_definition').execute();
		await db.deleteFrom('report_template').execute();
	});

	it('says so when nothing is saved or uploaded yet', async () => {
		const empty = await open();
		expect(empty.definitions).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
		expect(empty.templates).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
		// a page far beyond the end is the (only, empty) first page
		expect((await open('?seite=7&vorlagen=3')).definitions.page).toBe(1);
	});

	it('pages both lists on their own, newest first, every entry on exactly one page', async () => {
		const db = get().db;
		const size = REPORT_LIST_PAGE_SIZE;
		const definitions = 2 * size + 5;
		const templates = size + 3;
		const base = Date.parse('2026-01-01T00:00:00Z');
		await db
			.insertInto('report_definition')
			.values(
				Array.from({ length: definitions }, (_, i) => ({
					title: `Bericht ${String(i).padStart(3, '0')}`,
					updated_at: new Date(base + i * 60_000)
				}))
			)
			.execute();
		await db
			.insertInto('report_template')
			.values(
				Array.from({ length: templates }, (_, i) => ({
					name: `Vorlage ${String(i).padStart(3, '0')}`,
					file_name: `vorlage-${i}.docx`,
					content: Buffer.from('PK'),
					byte_size: 2,
					created_at: new Date(base + i * 60_000)
				}))
			)
			.execute();

		const first = await open();
		expect(first.definitions.total).toBe(definitions);
		expect(first.definitions.pageCount).toBe(3);
		expect(first.definitions.items).toHaveLength(size);
		expect(first.definitions.items[0].title).toBe(`Bericht ${String(definitions - 1).padStart(3, '0')}`);
		expect(first.templates.pageCount).toBe(2);
		expect(first.templates.items[0].name).toBe(`Vorlage ${String(templates - 1).padStart(3, '0')}`);

		const seen = new Set<string>();
		for (let p = 1; p <= 3; p++)
			for (const d of (await open(`?seite=${p}`)).definitions.items) seen.add(d.id);
		expect(seen.size).toBe(definitions);

		// Each list keeps its own position: definitions on page 3, templates on page 2.
		const both = await open('?seite=3&vorlagen=2');
		expect(both.definitions.page).toBe(3);
		expect(both.definitions.items).toHaveLength(5);
		expect(both.definitions.items.at(-1)!.title).toBe('Bericht 000');
		expect(both.templates.page).toBe(2);
		expect(both.templates.items.map((t) => t.name)).toEqual(['Vorlage 002', 'Vorlage 001', 'Vorlage 000']);
		// Beyond the end: the last page; nonsense: the first.
		expect((await open('?seite=99')).definitions.page).toBe(3);
		expect((await open('?seite=abc&vorlagen=-2')).templates.page).toBe(1);
		// The builder's template choice offers every template, not one page of them.
		expect(first.choices.templates).toHaveLength(templates);
		expect((await reportChoices(authContext(get(), { actor: planner }))).templates).toHaveLength(templates);
	});

	it('deleting a template returns to both lists where they were; without confirmation nothing is deleted', async () => {
		const db = get().db;
		const page2 = await open('?seite=2&vorlagen=2');
		const victim = page2.templates.items[0];
		const post = (fields: Record<string, string>) => {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.set(k, v);
			return new Request('https://quartier.example/planung/berichte?/deleteTemplate', {
				method: 'POST',
				body
			});
		};
		const unconfirmed = await call(actions.deleteTemplate, {
			locals: locals(),
			url: new URL('https://quartier.example/planung/berichte'),
			request: post({ templateId: victim.id, seite: '2', vorlagen: '2' })
		});
		expect(isActionFailure(unconfirmed)).toBe(true);
		expect((unconfirmed as { data: { templateDeleteError: string } }).data.templateDeleteError).toBe(
			'Bitte bestätigen Sie das Löschen mit dem Häkchen.'
		);
		expect(
			await db.selectFrom('report_template').select('id').where('id', '=', victim.id).executeTakeFirst()
		).toBeTruthy();

		const done = (await call(actions.deleteTemplate, {
			locals: locals(),
			url: new URL('https://quartier.example/planung/berichte'),
			request: post({ templateId: victim.id, seite: '2', vorlagen: '2', confirm: 'yes' })
		})) as { redirected: string };
		expect(done.redirected).toBe('/planung/berichte?vorlage=geloescht&seite=2&vorlagen=2#vorlagen');
		expect(
			await db.selectFrom('report_template').select('id').where('id', '=', victim.id).executeTakeFirst()
		).toBeUndefined();
		const after = await open('?seite=2&vorlagen=2');
		expect(after.templates.items.map((t) => t.id)).not.toContain(victim.id);
		expect(after.templates.items).toHaveLength(2);
	});

	it('is missing for a resident and sends a visitor to sign in', async () => {
		const db = get().db;
		const resident = await actorFor(db, await insertUser(db));
		expect(await open('', resident)).toEqual({ status: 404 });
		expect(await open('', null)).toEqual({ redirected: '/anmelden?weiter=%2Fplanung%2Fberichte' });
	});
});
