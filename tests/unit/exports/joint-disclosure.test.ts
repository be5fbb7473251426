// Participation exports of per-area counts use the monitoring's joint disclosure decision: a differencing
// attack (parent minus published children, row total minus published columns) recovers no hidden count.
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../../src/lib/server/participation/component';
import {
	buildTable,
	isSuppressed,
	protectCount,
	type ExportCell
} from '../../../src/lib/server/participation/exports';

interface Row {
	id: string;
	parent: string | null;
	ideas: number;
	comments: number;
	total: number;
}

const t = (key: string) => key;
const count = (key: keyof Row): ExportColumn<Row> => ({
	key,
	labelKey: key,
	descriptionKey: key,
	count: 'area',
	value: (r) => r[key] as number
});
const columns: ExportColumn<Row>[] = [
	{ key: 'id', labelKey: 'id', descriptionKey: 'id', value: (r) => r.id },
	count('ideas'),
	count('comments'),
	count('total')
];

/** City ⊃ 2 Bezirke ⊃ Quartiere; the counts add up (parents = Σ children, total = ideas + comments). */
function cityRows(): Row[] {
	const leaf = (id: string, parent: string, ideas: number, comments: number): Row => ({
		id,
		parent,
		ideas,
		comments,
		total: ideas + comments
	});
	const leaves = [
		leaf('q1', 'b1', 2, 10), // 2 ideas: hidden
		leaf('q2', 'b1', 7, 9),
		leaf('q3', 'b1', 12, 4),
		leaf('q4', 'b2', 5, 1), // 1 comment: hidden
		leaf('q5', 'b2', 8, 8)
	];
	const sum = (id: string, parent: string | null, kids: Row[]): Row => ({
		id,
		parent,
		ideas: kids.reduce((s, r) => s + r.ideas, 0),
		comments: kids.reduce((s, r) => s + r.comments, 0),
		total: kids.reduce((s, r) => s + r.total, 0)
	});
	const b1 = sum('b1', 'city', leaves.slice(0, 3));
	const b2 = sum('b2', 'city', leaves.slice(3));
	return [sum('city', null, [b1, b2]), b1, b2, ...leaves];
}

/**
 * The attacker knows that parents are the sums of their children and that total = ideas + comments;
 * repeats "one unknown in an equation → solve it" until nothing changes. Returns what it recovered
 * of the hidden cells.
 */
function attack(rows: Row[], cells: ExportCell[][]): string[] {
	const known = new Map<string, number>();
	rows.forEach((r, i) =>
		(['ideas', 'comments', 'total'] as const).forEach((c, j) => {
			const cell = cells[i][j + 1];
			if (!isSuppressed(cell)) known.set(`${r.id}|${c}`, cell as number);
		})
	);
	const equations: { plus: string[]; minus: string[] }[] = [];
	for (const r of rows) {
		equations.push({ plus: [`${r.id}|total`], minus: [`${r.id}|ideas`, `${r.id}|comments`] });
		const kids = rows.filter((k) => k.parent === r.id);
		if (kids.length > 0)
			for (const c of ['ideas', 'comments', 'total'])
				equations.push({ plus: [`${r.id}|${c}`], minus: kids.map((k) => `${k.id}|${c}`) });
	}
	const recovered: string[] = [];
	for (let changed = true; changed;) {
		changed = false;
		for (const e of equations) {
			const all = [...e.plus, ...e.minus];
			const unknown = all.filter((x) => !known.has(x));
			if (unknown.length !== 1) continue;
			const sign = e.plus.includes(unknown[0]) ? 1 : -1;
			const rest =
				e.plus.reduce((s, x) => s + (known.get(x) ?? 0), 0) -
				e.minus.reduce((s, x) => s + (known.get(x) ?? 0), 0);
			known.set(unknown[0], -sign * rest);
			recovered.push(unknown[0]);
			changed = true;
		}
	}
	return recovered;
}

describe('joint disclosure in participation exports', () => {
	const rows = cityRows();

	it('the old cell-by-cell rule is undone by subtraction', () => {
		const cells = rows.map((r) => columns.map((c) => protectCount(c.value(r), c.count, 3)));
		expect(attack(rows, cells).length).toBeGreaterThan(0);
	});

	it('hides whole rows with covers, so no differencing recovers a hidden count', () => {
		const table = buildTable(
			{ key: 'per_area', labelKey: 'x', area: (r: Row) => ({ id: r.id, parentId: r.parent }) },
			columns,
			rows,
			t,
			3
		);
		const hiddenRows = rows.filter((_, i) => table.rows[i].slice(1).some(isSuppressed)).map((r) => r.id);
		// q1 and q4 are small; each needs a sibling as cover (q4's only sibling q5 is not enough:
		// then b2 = q4 + q5 is hidden too, and with it b1 as b2's cover under the city).
		expect(hiddenRows).toEqual(expect.arrayContaining(['q1', 'q4', 'q5']));
		expect(
			hiddenRows.filter((id) => id.startsWith('q') && rows.find((r) => r.id === id)!.parent === 'b1').length
		).toBeGreaterThanOrEqual(2);
		// A hidden row is hidden in every count column (the total would give the missing column back).
		for (const [i, r] of rows.entries())
			if (hiddenRows.includes(r.id)) expect(table.rows[i].slice(1).every(isSuppressed)).toBe(true);
		expect(attack(rows, table.rows)).toEqual([]);
		expect(table.suppressedCells).toBe(hiddenRows.length * 3);
	});

	it('keeps the cell-by-cell rule for rows without an area', () => {
		const table = buildTable({ key: 'x', labelKey: 'x', area: () => null }, columns, rows, t, 3);
		expect(isSuppressed(table.rows[3][1])).toBe(true); // q1's 2 ideas
		expect(isSuppressed(table.rows[3][2])).toBe(false);
	});
});
