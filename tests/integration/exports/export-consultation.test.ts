// The export service against real databases: permission (and nothing written when refused), the audit
// row, no names or e-mails, area columns at every level, staff vs open-data rows, the small-number
// rule — and every file read back by the program people use (papaparse for CSV with its BOM and `;`,
// LibreOffice for XLSX, ogrinfo for GeoJSON).
import { unzipSync } from 'fflate';
import type { Polygon } from 'geojson';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '../../../src/lib/geo/polygon';
import type { Actor } from '../../../src/lib/server/auth/actor';
import { createContribution, createReply, toggleSupport } from '../../../src/lib/server/contributions';
import { mapCommentRows } from '../../../src/lib/server/contributions/export-definition';
import type { CommandContext } from '../../../src/lib/server/core';
import type { DB } from '../../../src/lib/server/db/types';
import type { ParticipationManifest } from '../../../src/lib/server/participation/component';
import {
	collectTables,
	exportConsultation,
	type ExportFile
} from '../../../src/lib/server/participation/exports';
import { registry, Registry } from '../../../src/lib/server/participation/registry';
import { describeEachDemoDatabase } from '../helpers/demo-db';
import { ogrinfoSummary, parseCsvWithBom, xlsxSheetsWithLibreOffice } from '../helpers/real-programs';
import { actorFor, insertUser } from '../helpers/roles-fixtures';
import { ctxFor, insertConsultation } from '../contributions/fixtures';

interface AreaRow {
	id: string;
	key: string;
	name: string;
	level: string;
	level_id: string;
	parent_id: string | null;
	geometry: unknown;
}

const AUTHOR_NAME = 'Henriette Exportprüferin';
const AUTHOR_EMAIL = 'henriette.export@example.org';
const MANAGER_NAME = 'Quentin Eintragsmann';
const MANAGER_EMAIL = 'quentin.eintrag@example.org';

async function grantArea(db: Kysely<DB>, userId: string, role: string, areaId: string) {
	await db
		.insertInto('role_grant')
		.values({ user_id: userId, role, scope_type: 'area', scope_id: areaId })
		.execute();
}

function exportCtx(db: Kysely<DB>, actor: Actor | null, extra: Partial<CommandContext> = {}): CommandContext {
	return {
		db,
		actor,
		now: new Date('2026-11-24T23:30:00Z'),
		locale: 'de',
		config: { smallCountK: 3 },
		...extra
	};
}

async function tableCounts(db: Kysely<DB>) {
	const count = async (t: 'audit_log' | 'contribution' | 'contribution_support' | 'contribution_area') =>
		Number(
			(
				await db
					.selectFrom(t)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		audit: await count('audit_log'),
		contributions: await count('contribution'),
		supports: await count('contribution_support'),
		areas: await count('contribution_area')
	};
}

function text(file: ExportFile): string {
	return new TextDecoder().decode(file.bytes);
}

/** Every text inside an XLSX (its XML parts), to check for names and e-mails beyond what LibreOffice shows. */
function xlsxText(file: ExportFile): string {
	return Object.values(unzipSync(file.bytes))
		.map((part) => new TextDecoder().decode(part))
		.join('\n');
}

describeEachDemoDatabase('exportConsultation', (get) => {
	let areas: AreaRow[];
	let levels: { id: string; key: string; name: string }[];
	let stadtteil: AreaRow;
	let otherStadtteil: AreaRow;
	let quartiere: AreaRow[];
	let consultation: { id: string; slug: string; categories: Record<string, string> };
	let planner: Actor;
	let ids: { point: string; line: string; pending: string; hidden: string; deleted: string; analog: string };

	const chainOf = (a: AreaRow): AreaRow[] => {
		const out = [a];
		for (let p = a.parent_id; p;) {
			const parent = areas.find((x) => x.id === p)!;
			out.unshift(parent);
			p = parent.parent_id;
		}
		return out;
	};

	beforeAll(async () => {
		const db = get().db;
		areas = (await db
			.selectFrom('area')
			.innerJoin('area_level', 'area_level.id', 'area.level_id')
			.select([
				'area.id',
				'area.key',
				'area.name',
				'area_level.key as level',
				'area.level_id',
				'area.parent_id',
				'area.geometry'
			])
			.where('area.valid_to', 'is', null)
			.execute()) as AreaRow[];
		levels = await db.selectFrom('area_level').select(['id', 'key', 'name']).orderBy('rank').execute();
		const stadtteile = areas.filter((a) => a.level === 'stadtteil');
		stadtteil = stadtteile.find((s) => areas.filter((q) => q.parent_id === s.id).length >= 2)!;
		otherStadtteil = stadtteile.find((s) => s.id !== stadtteil.id)!;
		quartiere = areas.filter((a) => a.parent_id === stadtteil.id);

		const creator = await insertUser(db, { roles: ['planner'] });
		planner = await actorFor(db, creator);
		consultation = await insertConsultation(db, { areaIds: [stadtteil.id], createdBy: creator });
		const author = await actorFor(db, await insertUser(db, { email: AUTHOR_EMAIL, name: AUTHOR_NAME }));
		const managerId = await insertUser(db, { email: MANAGER_EMAIL, name: MANAGER_NAME });
		await grantArea(db, managerId, 'quarter_manager', stadtteil.id);
		const manager = await actorFor(db, managerId);

		const create = async (actor: Actor, input: Record<string, unknown>) => {
			const r = await createContribution(ctxFor(db, actor), consultation.id, {
				categoryId: consultation.categories.Verkehr,
				...input
			});
			if (!r.ok) throw new Error(`createContribution: ${r.code} ${JSON.stringify(r.errors)}`);
			return r.value.id;
		};
		const p0 = interiorPoint(quartiere[0].geometry as Polygon);
		const p1 = interiorPoint(quartiere[1].geometry as Polygon);
		const point = await create(author, {
			body: 'Hier fehlt eine Bank; bitte mit "Lehne", Ecke Markt\nzweite Zeile',
			geometry: JSON.stringify({ type: 'Point', coordinates: p0 })
		});
		const line = await create(author, {
			body: '=HYPERLINK("http://boese.example") Weg durch zwei Quartiere',
			categoryId: consultation.categories['Grünflächen'],
			geometry: JSON.stringify({ type: 'LineString', coordinates: [p0, p1] })
		});
		const pending = await create(author, { body: 'Noch nicht freigegeben.', areaIds: [quartiere[0].id] });
		const hidden = await create(author, { body: 'Ausgeblendeter Beitrag.', areaIds: [quartiere[1].id] });
		const deleted = await create(author, { body: 'Gelöschter Beitrag.', areaIds: [quartiere[1].id] });
		const analog = await create(manager, {
			body: 'Vom Papierbogen abgetippt.',
			channel: 'paper',
			collectedOn: '2026-11-02',
			geometry: JSON.stringify({ type: 'Point', coordinates: p1 })
		});
		ids = { point, line, pending, hidden, deleted, analog };
		await db.updateTable('contribution').set({ status: 'pending' }).where('id', '=', pending).execute();
		await db
			.updateTable('contribution')
			.set({ status: 'hidden', hidden_reason: 'Beleidigung von Frau X' })
			.where('id', '=', hidden)
			.execute();
		await db.updateTable('contribution').set({ status: 'deleted' }).where('id', '=', deleted).execute();
		// Two replies (one hidden) and two supports on the point.
		for (const body of ['Sehe ich auch so.', 'Versteckte Antwort.']) {
			const r = await createReply(ctxFor(db, manager), point, { body });
			if (!r.ok) throw new Error(`createReply: ${r.code}`);
			if (body.startsWith('Versteckte'))
				await db.updateTable('contribution').set({ status: 'hidden' }).where('id', '=', r.value.id).execute();
		}
		for (const who of [author, manager]) expect((await toggleSupport(ctxFor(db, who), point)).ok).toBe(true);
	}, 120_000);

	describe('permission', () => {
		it('refuses a quarter manager of another area and writes nothing', async () => {
			const db = get().db;
			const otherId = await insertUser(db);
			await grantArea(db, otherId, 'quarter_manager', otherStadtteil.id);
			const other = await actorFor(db, otherId);
			const before = await tableCounts(db);
			for (const format of ['csv', 'xlsx', 'geojson'] as const) {
				const r = await exportConsultation(exportCtx(db, other), { consultationId: consultation.id, format });
				expect(r).toEqual({ ok: false, code: 'forbidden' });
			}
			expect(await tableCounts(db)).toEqual(before);
		});

		it('refuses residents, moderators and anonymous visitors; an unknown id is not_found', async () => {
			const db = get().db;
			const resident = await actorFor(db, await insertUser(db, { roles: ['resident'] }));
			const moderator = await actorFor(db, await insertUser(db, { roles: ['moderator'] }));
			for (const actor of [resident, moderator, null])
				expect(
					(await exportConsultation(exportCtx(db, actor), { consultationId: consultation.id, format: 'csv' }))
						.ok
				).toBe(false);
			expect(
				await exportConsultation(exportCtx(db, planner), {
					consultationId: '00000000-0000-4000-8000-000000000000',
					format: 'csv'
				})
			).toEqual({ ok: false, code: 'not_found' });
		});

		it('allows a planner and writes one audit row (who, when, consultation, format, row counts)', async () => {
			const db = get().db;
			const before = await tableCounts(db);
			const r = await exportConsultation(exportCtx(db, planner), {
				consultationId: consultation.id,
				format: 'xlsx'
			});
			expect(r.ok).toBe(true);
			if (!r.ok) return;
			expect(r.value.fileName).toBe(`${consultation.slug}-2026-11-25.xlsx`);
			expect(r.value.rowCounts).toEqual({ map_comments: 5 });
			expect(await tableCounts(db)).toEqual({ ...before, audit: before.audit + 1 });
			const audit = await db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'consultation.export')
				.orderBy('created_at', 'desc')
				.executeTakeFirstOrThrow();
			expect(audit).toMatchObject({
				actor_id: planner.id,
				subject_type: 'consultation',
				subject_id: consultation.id
			});
			expect(new Date(audit.created_at).toISOString()).toBe('2026-11-24T23:30:00.000Z');
			expect(audit.details).toMatchObject({
				format: 'xlsx',
				rowCounts: { map_comments: 5 },
				suppressedCells: 0
			});
		});

		it('allows the quarter manager of the consultation’s Stadtteil', async () => {
			const db = get().db;
			const qmId = await insertUser(db);
			await grantArea(db, qmId, 'quarter_manager', stadtteil.id);
			const r = await exportConsultation(exportCtx(db, await actorFor(db, qmId)), {
				consultationId: consultation.id,
				format: 'geojson'
			});
			expect(r.ok).toBe(true);
		});
	});

	describe('content', () => {
		let csv: string[][];
		let header: string[];
		const col = (row: string[], key: string) => row[header.indexOf(key)];
		const rowOf = (id: string) => csv.find((r) => r[0] === id)!;

		beforeAll(async () => {
			const r = await exportConsultation(exportCtx(get().db, planner), {
				consultationId: consultation.id,
				format: 'csv-semicolon'
			});
			if (!r.ok) throw new Error(r.code);
			expect(r.value.contentType).toBe('text/csv; charset=utf-8');
			csv = parseCsvWithBom(r.value.bytes, ';');
			header = csv[0];
		});

		it('has one row per non-deleted contribution (no replies) with its moderation status', () => {
			expect(
				csv
					.slice(1)
					.map((r) => r[0])
					.sort()
			).toEqual([ids.point, ids.line, ids.pending, ids.hidden, ids.analog].sort());
			expect(col(rowOf(ids.pending), 'status')).toBe('pending');
			expect(col(rowOf(ids.hidden), 'status')).toBe('hidden');
			expect(col(rowOf(ids.point), 'status')).toBe('published');
		});

		it('has id, date (Europe/Berlin), channel, category, body, geometry type, counts and empty outcome columns', () => {
			expect(header.slice(0, 8)).toEqual([
				'id',
				'created_on',
				'collected_on',
				'channel',
				'category',
				'status',
				'body',
				'geometry_type'
			]);
			expect(header.slice(-4)).toEqual(['supports', 'replies', 'response', 'outcome_status']);
			const point = rowOf(ids.point);
			expect(col(point, 'created_on')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(col(point, 'body')).toBe('Hier fehlt eine Bank; bitte mit "Lehne", Ecke Markt\nzweite Zeile');
			expect(col(point, 'category')).toBe('Verkehr');
			expect(col(point, 'geometry_type')).toBe('Point');
			// Per-item counts are published as they are, even below k: 2 supports; 2 replies (staff see the
			// hidden one too; open data counts 1, see below).
			expect(col(point, 'supports')).toBe('2');
			expect(col(point, 'replies')).toBe('2');
			expect(col(point, 'response')).toBe('');
			expect(col(rowOf(ids.line), 'geometry_type')).toBe('LineString');
			expect(col(rowOf(ids.line), 'body')).toBe(
				'\'=HYPERLINK("http://boese.example") Weg durch zwei Quartiere'
			);
			expect(col(rowOf(ids.pending), 'geometry_type')).toBe('');
			const analog = rowOf(ids.analog);
			expect(col(analog, 'channel')).toBe('paper');
			expect(col(analog, 'collected_on')).toBe('2026-11-02');
		});

		it('has a key and a name column for every area level, filled with the contribution’s areas', () => {
			for (const level of levels) {
				expect(header).toContain(`area_${level.key}_key`);
				expect(header).toContain(`area_${level.key}_name`);
			}
			const point = rowOf(ids.point);
			for (const area of chainOf(quartiere[0])) {
				expect(col(point, `area_${area.level}_key`)).toBe(area.key);
				expect(col(point, `area_${area.level}_name`)).toBe(area.name);
			}
			// The line crosses two Quartiere: both, sorted by key, joined with "; ".
			const both = [quartiere[0], quartiere[1]].sort((a, b) => a.key.localeCompare(b.key));
			expect(col(rowOf(ids.line), 'area_quartier_key')).toBe(both.map((q) => q.key).join('; '));
			expect(col(rowOf(ids.line), 'area_quartier_name')).toBe(both.map((q) => q.name).join('; '));
			expect(col(rowOf(ids.line), 'area_stadtteil_key')).toBe(stadtteil.key);
		});

		it('contains no names, no e-mails and no moderation reasons in any format', async () => {
			const db = get().db;
			const files: string[] = [];
			for (const format of ['csv', 'csv-semicolon', 'xlsx', 'geojson'] as const) {
				const r = await exportConsultation(exportCtx(db, planner), {
					consultationId: consultation.id,
					format
				});
				if (!r.ok) throw new Error(r.code);
				files.push(format === 'xlsx' ? xlsxText(r.value) : text(r.value));
			}
			for (const content of files) {
				expect(content).toContain('Hier fehlt eine Bank');
				for (const secret of [
					AUTHOR_NAME,
					AUTHOR_EMAIL,
					MANAGER_NAME,
					MANAGER_EMAIL,
					'Beleidigung von Frau X'
				])
					expect(content).not.toContain(secret);
				expect(content).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
				expect(content).not.toContain(planner.id);
			}
		});

		it('the open-data audience gets published contributions only', async () => {
			const ctx = exportCtx(get().db, null);
			const rows = await mapCommentRows(ctx, consultation.id, 'public');
			expect(rows.map((r) => r.id).sort()).toEqual([ids.point, ids.line, ids.analog].sort());
			expect(rows.find((r) => r.id === ids.point)!.replies).toBe(1);
			const tables = await collectTables(
				ctx,
				{ id: consultation.id, modules: ['map_comments'] },
				{ audience: 'public' }
			);
			expect(tables.map((t) => t.rows.length)).toEqual([3]);
		});
	});

	describe('read back by real programs', () => {
		it('CSV (comma) parses with its BOM; German headers are not needed to read it', async () => {
			const r = await exportConsultation(exportCtx(get().db, planner), {
				consultationId: consultation.id,
				format: 'csv'
			});
			if (!r.ok) throw new Error(r.code);
			const rows = parseCsvWithBom(r.value.bytes, ',');
			expect(rows).toHaveLength(6);
			expect(rows[0][0]).toBe('id');
			expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
		});

		it('XLSX converted by LibreOffice: a data sheet with German headings and the sheet "Spalten"', async () => {
			const r = await exportConsultation(exportCtx(get().db, planner), {
				consultationId: consultation.id,
				format: 'xlsx'
			});
			if (!r.ok) throw new Error(r.code);
			const sheets = xlsxSheetsWithLibreOffice(r.value.bytes);
			expect(Object.keys(sheets).sort()).toEqual(['Hinweise auf der Karte', 'Spalten']);
			const data = sheets['Hinweise auf der Karte'];
			expect(data).toHaveLength(6);
			expect(data[0].slice(0, 3)).toEqual(['Kennung', 'Eingegangen am', 'Gesammelt am']);
			expect(data[0]).toContain('Stadtteil – Schlüssel');
			expect(data[0]).toContain('Quartier – Name');
			const point = data.find((row) => row[0] === ids.point)!;
			expect(point[data[0].indexOf('Unterstützungen')]).toBe('2');
			expect(point[data[0].indexOf('Stadtteil – Schlüssel')]).toBe(stadtteil.key);
			const columns = sheets.Spalten;
			expect(columns[0]).toEqual([
				'Tabellenblatt',
				'Überschrift',
				'Spaltenname (CSV, GeoJSON)',
				'Beschreibung'
			]);
			// One description per column of the data sheet, in the same order.
			expect(columns.slice(1).map((c) => c[1])).toEqual(data[0]);
			expect(columns.slice(1).every((c) => c[3].length > 10)).toBe(true);
			expect(columns.find((c) => c[2] === 'area_stadtteil_key')![3]).toMatch(/Ebene „Stadtteil“/);
		});

		it('XLSX headings follow the user’s language', async () => {
			const r = await exportConsultation(exportCtx(get().db, planner, { locale: 'en' }), {
				consultationId: consultation.id,
				format: 'xlsx'
			});
			if (!r.ok) throw new Error(r.code);
			const sheets = xlsxSheetsWithLibreOffice(r.value.bytes);
			expect(Object.keys(sheets).sort()).toEqual(['Columns', 'Map comments']);
			expect(sheets['Map comments'][0][0]).toBe('ID');
		});

		it('GeoJSON read by ogrinfo: feature count and the columns as fields, area keys at every level', async () => {
			const r = await exportConsultation(exportCtx(get().db, planner), {
				consultationId: consultation.id,
				format: 'geojson'
			});
			if (!r.ok) throw new Error(r.code);
			expect(r.value.fileName).toMatch(/\.geojson$/);
			const summary = ogrinfoSummary(r.value.bytes);
			expect(summary.featureCount).toBe(5);
			for (const level of levels) expect(summary.fields[`area_${level.key}_key`]).toBe('String');
			expect(summary.fields.supports).toBe('Integer');
			expect(summary.fields.body).toBe('String');
			const fc = JSON.parse(text(r.value)) as {
				features: { geometry: { type: string } | null; properties: Record<string, unknown> }[];
			};
			const point = fc.features.find((f) => f.properties.id === ids.point)!;
			expect(point.geometry?.type).toBe('Point');
			expect(point.properties.area_quartier_key).toBe(quartiere[0].key);
			expect(fc.features.find((f) => f.properties.id === ids.pending)!.geometry).toBeNull();
		});
	});

	describe('the small-number rule', () => {
		// A module exporting a per-area aggregate: counts 1 … k−1 must not leave the service.
		const statsModule: ParticipationManifest = {
			key: 'test_stats',
			labelKey: 'exports.mapComments.title',
			segment: 'test-stats',
			attachesTo: 'consultation',
			section: { titleKey: 'x', linkKey: 'x' },
			permissions: {},
			hooks: async () => ({
				exports: [
					{
						key: 'per_area',
						labelKey: 'exports.mapComments.title',
						columns: [
							{
								key: 'area',
								labelKey: 'exports.mapComments.id',
								descriptionKey: 'x',
								value: (r: unknown) => (r as { area: string }).area
							},
							{
								key: 'contributions',
								labelKey: 'exports.mapComments.supports',
								descriptionKey: 'exports.mapComments.supportsDescription',
								count: 'area',
								value: (r: unknown) => (r as { n: number }).n
							}
						],
						rows: async (ctx, consultationId) => {
							const rows = await ctx.db
								.selectFrom('contribution_area as ca')
								.innerJoin('contribution as c', 'c.id', 'ca.contribution_id')
								.innerJoin('area as a', 'a.id', 'ca.area_id')
								.select(['a.key as area', (eb) => eb.fn.countAll<number>().as('n')])
								.where('c.consultation_id', '=', consultationId)
								.where('c.kind', '=', 'map_comment')
								.where('c.status', '=', 'published')
								.groupBy('a.key')
								.orderBy('a.key')
								.execute();
							return rows.map((r) => ({ area: r.area, n: Number(r.n) }));
						}
					}
				]
			})
		};

		it('replaces per-area counts below k with "." and keeps the rest', async () => {
			const db = get().db;
			await db
				.updateTable('consultation')
				.set({ modules: ['map_comments', 'test_stats'] })
				.where('id', '=', consultation.id)
				.execute();
			try {
				const reg = new Registry([...registry.components, statsModule]);
				const at = new Date('2026-11-25T10:00:00Z');
				const r = await exportConsultation(
					exportCtx(db, planner, { now: at }),
					{ consultationId: consultation.id, format: 'csv-semicolon' },
					reg
				);
				if (!r.ok) throw new Error(r.code);
				// Two tables: a ZIP with one CSV each.
				expect(r.value.contentType).toBe('application/zip');
				const files = unzipSync(r.value.bytes);
				const perArea = parseCsvWithBom(files[`${consultation.slug}-2026-11-25-per_area.csv`], ';');
				const byKey = Object.fromEntries(perArea.slice(1).map(([k, n]) => [k, n]));
				// 3 published contributions in the Stadtteil: shown; 2 in each of its two Quartiere: ".".
				expect(byKey[stadtteil.key]).toBe('3');
				expect(quartiere.slice(0, 2).map((q) => byKey[q.key])).toEqual(['.', '.']);
				expect(Object.values(byKey).every((v) => v === '.' || Number(v) >= 3)).toBe(true);
				const audit = await db
					.selectFrom('audit_log')
					.select('details')
					.where('action', '=', 'consultation.export')
					.where('created_at', '=', at)
					.executeTakeFirstOrThrow();
				expect((audit.details as { suppressedCells: number }).suppressedCells).toBeGreaterThan(0);
				expect(files[`${consultation.slug}-2026-11-25-map_comments.csv`]).toBeDefined();
			} finally {
				await db
					.updateTable('consultation')
					.set({ modules: ['map_comments'] })
					.where('id', '=', consultation.id)
					.execute();
			}
		});
	});
});
