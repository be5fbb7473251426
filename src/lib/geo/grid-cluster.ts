// Simple grid clustering for map pins: points falling into the same screen-sized cell become one
// cluster at their mean position. Pure; the caller projects to pixels (or passes lon/lat with a cell size in degrees).

export interface ClusterInput<T> {
	x: number;
	y: number;
	item: T;
}

export interface Cluster<T> {
	x: number;
	y: number;
	items: T[];
}

/**
 * Groups points into square cells of `cellSize` (same unit as x/y). A cell with fewer than
 * `minClusterSize` points yields single-item clusters (shown as ordinary pins). Order is stable:
 * cells in order of their first point.
 */
export function gridCluster<T>(
	points: readonly ClusterInput<T>[],
	cellSize: number,
	minClusterSize = 2
): Cluster<T>[] {
	if (!(cellSize > 0)) throw new RangeError('cellSize must be positive');
	const cells = new Map<string, ClusterInput<T>[]>();
	for (const p of points) {
		if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
		const key = `${Math.floor(p.x / cellSize)}:${Math.floor(p.y / cellSize)}`;
		const cell = cells.get(key);
		if (cell) cell.push(p);
		else cells.set(key, [p]);
	}
	const out: Cluster<T>[] = [];
	for (const cell of cells.values()) {
		if (cell.length < minClusterSize) {
			for (const p of cell) out.push({ x: p.x, y: p.y, items: [p.item] });
			continue;
		}
		let sx = 0;
		let sy = 0;
		for (const p of cell) {
			sx += p.x;
			sy += p.y;
		}
		out.push({ x: sx / cell.length, y: sy / cell.length, items: cell.map((p) => p.item) });
	}
	return out;
}
