// Contributions of an area by category and channel (issue 12), protected like every aggregate: a row
// with an online, analog or total count from 1 to k−1 is hidden whole (so total − shown part gives
// nothing back), and when exactly one row is hidden the smallest other row is hidden too (the column
// sums are shown, so a lone hidden row would come back by subtraction). Pure.
export interface CategoryCount {
	category: string;
	online: number;
	analog: number;
}

export interface ShownCategoryCount {
	category: string;
	online: number | null;
	analog: number | null;
	total: number | null;
	suppressed: boolean;
}

const small = (n: number, k: number) => n > 0 && n < k;

export function protectCategoryCounts(
	rows: readonly CategoryCount[],
	k: number
): {
	rows: ShownCategoryCount[];
	total: { online: number | null; analog: number | null; total: number | null };
} {
	const hidden = new Set<number>();
	rows.forEach((r, i) => {
		if (small(r.online, k) || small(r.analog, k) || small(r.online + r.analog, k)) hidden.add(i);
	});
	if (hidden.size === 1 && rows.length > 1) {
		const cover = rows
			.map((r, i) => ({ i, n: r.online + r.analog }))
			.filter((x) => !hidden.has(x.i))
			.sort((a, b) => a.n - b.n || a.i - b.i)[0];
		if (cover) hidden.add(cover.i);
	}
	const sum = rows.reduce((s, r) => ({ online: s.online + r.online, analog: s.analog + r.analog }), {
		online: 0,
		analog: 0
	});
	// A total that is itself small is not shown either (it would reveal the few behind it).
	const all = sum.online + sum.analog;
	const hideTotal = small(sum.online, k) || small(sum.analog, k) || small(all, k);
	const total = hideTotal
		? { online: null, analog: null, total: null }
		: { online: sum.online, analog: sum.analog, total: all };
	return {
		rows: rows.map((r, i) =>
			hidden.has(i)
				? { category: r.category, online: null, analog: null, total: null, suppressed: true }
				: {
						category: r.category,
						online: r.online,
						analog: r.analog,
						total: r.online + r.analog,
						suppressed: false
					}
		),
		total
	};
}

/** Adds up the modules' rows per category and channel. */
export function mergeCategoryCounts(
	rows: readonly { category: string; channel: 'online' | 'analog'; count: number }[]
): CategoryCount[] {
	const map = new Map<string, CategoryCount>();
	for (const r of rows) {
		const e = map.get(r.category) ?? { category: r.category, online: 0, analog: 0 };
		e[r.channel] += r.count;
		map.set(r.category, e);
	}
	return [...map.values()].sort(
		(a, b) => b.online + b.analog - (a.online + a.analog) || a.category.localeCompare(b.category)
	);
}
