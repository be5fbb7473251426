// What the backup needs to know about the schema, read from the catalog so new tables are
// included without changes here: tables in foreign-key order, self-references, columns.
import type { RawClient } from '../db/connection';
import { APP_SCHEMA } from '../db/connection';
import { BackupError } from './format';

export interface TableInfo {
	name: string;
	/** Insertable columns (no generated or dropped ones), in table order. */
	columns: string[];
	primaryKey: string[];
	/** Single-column foreign keys to the table itself, e.g. area.parent_id → area.id. */
	selfReferences: { column: string; references: string }[];
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: string) => `${APP_SCHEMA}.${quoteIdent(table)}`;

/** Tables of schema qk, parents before children (ties alphabetically, so the order is stable). */
export async function readTables(client: RawClient): Promise<TableInfo[]> {
	const tables = await client.query<{ name: string }>(
		`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
		[APP_SCHEMA]
	);
	const columns = await client.query<{ table: string; column: string }>(
		`select c.relname as table, a.attname as column from pg_attribute a
		 join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = $1 and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
		 order by c.relname, a.attnum`,
		[APP_SCHEMA]
	);
	const keys = await client.query<{ table: string; column: string }>(
		`select c.relname as table, a.attname as column from pg_index i
		 join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
		 join lateral unnest(i.indkey) with ordinality as k(attnum, pos) on true
		 join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
		 where n.nspname = $1 and i.indisprimary order by c.relname, k.pos`,
		[APP_SCHEMA]
	);
	const foreignKeys = await client.query<{
		child: string;
		parent: string;
		columns: string[];
		refs: string[];
	}>(
		`select ch.relname as child, pa.relname as parent,
		   array(select a.attname from unnest(co.conkey) with ordinality k(n, p)
		         join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.n order by k.p)::text[] as columns,
		   array(select a.attname from unnest(co.confkey) with ordinality k(n, p)
		         join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.n order by k.p)::text[] as refs
		 from pg_constraint co
		 join pg_class ch on ch.oid = co.conrelid join pg_namespace chn on chn.oid = ch.relnamespace
		 join pg_class pa on pa.oid = co.confrelid join pg_namespace pan on pan.oid = pa.relnamespace
		 where co.contype = 'f' and chn.nspname = $1 and pan.nspname = $1
		 order by ch.relname, co.conname`,
		[APP_SCHEMA]
	);

	const info = new Map<string, TableInfo>(
		tables.map((t) => [t.name, { name: t.name, columns: [], primaryKey: [], selfReferences: [] }])
	);
	for (const c of columns) info.get(c.table)?.columns.push(c.column);
	for (const k of keys) info.get(k.table)?.primaryKey.push(k.column);

	const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
	for (const fk of foreignKeys) {
		if (fk.child === fk.parent) {
			if (fk.columns.length !== 1)
				throw new BackupError(`Mehrspaltige Selbstverweise (Tabelle ${fk.child}) werden nicht unterstützt.`);
			info.get(fk.child)!.selfReferences.push({ column: fk.columns[0], references: fk.refs[0] });
		} else {
			parents.get(fk.child)?.add(fk.parent);
		}
	}

	// Kahn's algorithm: repeatedly take the alphabetically first table whose parents are all placed.
	const ordered: TableInfo[] = [];
	const placed = new Set<string>();
	while (ordered.length < tables.length) {
		const next = tables.find(
			(t) => !placed.has(t.name) && [...parents.get(t.name)!].every((p) => placed.has(p))
		);
		if (!next) {
			const rest = tables.filter((t) => !placed.has(t.name)).map((t) => t.name);
			throw new BackupError(`Zyklische Fremdschlüssel zwischen den Tabellen ${rest.join(', ')}.`);
		}
		placed.add(next.name);
		ordered.push(info.get(next.name)!);
	}
	return ordered;
}

/** A query returning `to_jsonb(row) as r` for every row, parents before children on self-references. */
export function selectRowsSql(table: TableInfo): string {
	const order = table.primaryKey.length
		? table.primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')
		: table.columns.map((c) => `t.${quoteIdent(c)}::text`).join(', ');
	if (table.selfReferences.length === 0) {
		return `select to_jsonb(t) as r from ${qualified(table.name)} t order by ${order}`;
	}
	const ref = table.selfReferences[0].references;
	if (table.selfReferences.some((s) => s.references !== ref))
		throw new BackupError(
			`Selbstverweise auf verschiedene Spalten (Tabelle ${table.name}) werden nicht unterstützt.`
		);
	const roots = table.selfReferences.map((s) => `t.${quoteIdent(s.column)} is null`).join(' and ');
	const joins = table.selfReferences.map((s) => `c.${quoteIdent(s.column)} = w.ref`).join(' or ');
	// Depth of each row in the hierarchy: roots 0, children 1 + their deepest parent.
	return `with recursive walk(ref, depth) as (
		select t.${quoteIdent(ref)}, 0 from ${qualified(table.name)} t where ${roots}
		union all
		select c.${quoteIdent(ref)}, w.depth + 1 from ${qualified(table.name)} c join walk w on (${joins})
		where w.depth < 10000
	), depths as (select ref, max(depth) as depth from walk group by ref)
	select to_jsonb(t) as r from ${qualified(table.name)} t join depths d on d.ref = t.${quoteIdent(ref)}
	order by d.depth, ${order}`;
}

/** Serial and identity columns whose sequences must continue after the restored rows. */
export async function readSequences(
	client: RawClient
): Promise<{ table: string; column: string; sequence: string }[]> {
	return client.query(
		`select c.relname as table, a.attname as column,
		   pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
		 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = $1 and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
		   and pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) is not null`,
		[APP_SCHEMA]
	);
}
