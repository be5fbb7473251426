// Test set-up: the Berlin LOR hierarchy (Bezirk → Prognoseraum → Bezirksregion → Planungsraum)
// inserted directly from the real LOR_2021.csv, and helpers to read the real MSS files unchanged.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/types';
import { readTable, type Table } from '../../../src/lib/server/imports/table-file';

export const BERLIN_DIR = '/work/shared/fixtures/berlin-mss-2021';

export function fixtureBytes(name: string): Uint8Array {
	return new Uint8Array(fs.readFileSync(path.join(BERLIN_DIR, name)));
}

export async function fixtureTable(name: string): Promise<Table> {
	return tableOf(fixtureBytes(name));
}

export async function tableOf(bytes: Uint8Array): Promise<Table> {
	const result = await readTable(bytes);
	if (!result.ok) throw new Error(`unreadable: ${result.code}`);
	return result.table;
}

export const BERLIN_LEVELS = [
	{ key: 'bezirk', name: 'Bezirk', rank: 1 },
	{ key: 'prognoseraum', name: 'Prognoseraum', rank: 2 },
	{ key: 'bezirksregion', name: 'Bezirksregion', rank: 3 },
	{ key: 'planungsraum', name: 'Planungsraum', rank: 4 }
] as const;

export interface BerlinAreas {
	/** level key → area key → area id */
	ids: Record<string, Map<string, string>>;
	/** PLR key → Bezirk key (first two digits) */
	bezirkOf: Map<string, string>;
}

/** Inserts the 12 Bezirke, 58 Prognoseräume, 143 Bezirksregionen and 542 Planungsräume. */
export async function insertBerlinAreas(db: Kysely<DB>): Promise<BerlinAreas> {
	const table = await fixtureTable('LOR_2021.csv');
	const col = (name: string) => table.columns.indexOf(name);
	const [plr, plrName, bzr, bzrName, pgr, pgrName, bez] = [
		'Planungsraum (Nummer)',
		'Planungsraum (Name)',
		'Bezirksregion (Nummer)',
		'Bezirksregion (Name)',
		'Prognoseraum (Nummer)',
		'Prognoseraum (Name)',
		'Bezirk'
	].map(col);
	const levels = await db
		.insertInto('area_level')
		.values(BERLIN_LEVELS.map((l) => ({ ...l })))
		.returning(['id', 'key'])
		.execute();
	const levelId = new Map(levels.map((l) => [l.key, l.id]));
	const ids: Record<string, Map<string, string>> = Object.fromEntries(
		BERLIN_LEVELS.map((l) => [l.key, new Map<string, string>()])
	);
	const rows: { id: string; level_id: string; key: string; name: string; parent_id: string | null }[][] = [
		[],
		[],
		[],
		[]
	];
	const add = (level: number, key: string, name: string, parentKey: string | null) => {
		const levelKey = BERLIN_LEVELS[level].key;
		if (ids[levelKey].has(key)) return;
		const id = randomUUID();
		ids[levelKey].set(key, id);
		const parent = parentKey === null ? null : ids[BERLIN_LEVELS[level - 1].key].get(parentKey)!;
		rows[level].push({ id, level_id: levelId.get(levelKey)!, key, name, parent_id: parent });
	};
	const bezirkOf = new Map<string, string>();
	for (const r of table.rows) {
		const bezirkKey = r[plr].slice(0, 2);
		add(0, bezirkKey, r[bez], null);
		add(1, r[pgr], r[pgrName], bezirkKey);
		add(2, r[bzr], r[bzrName], r[pgr]);
		add(3, r[plr], r[plrName], r[bzr]);
		bezirkOf.set(r[plr], bezirkKey);
	}
	for (const level of rows) await db.insertInto('area').values(level).execute();
	return { ids, bezirkOf };
}

/** Windows-1252 bytes (what German Excel writes as "CSV (Trennzeichen-getrennt)"). */
export function encodeWindows1252(text: string): Uint8Array {
	const special: Record<string, number> = {
		'€': 0x80,
		'–': 0x96,
		'—': 0x97,
		'…': 0x85,
		'„': 0x84,
		'“': 0x93
	};
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		const code = ch.charCodeAt(0);
		if (special[ch] !== undefined) out[i] = special[ch];
		else if (code < 256) out[i] = code;
		else throw new Error(`not in Windows-1252: ${ch}`);
	}
	return out;
}
