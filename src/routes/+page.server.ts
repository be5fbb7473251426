import { getApp } from '$lib/server/app';
import { areaTree, outlineMap, type AreaTreeNode } from '$lib/server/areas';
import type { PageServerLoad } from './$types';

export interface HomeArea {
	id: string;
	key: string;
	name: string;
	levelName: string;
	population: number | null;
	children: HomeArea[];
}

const slim = (node: AreaTreeNode): HomeArea => ({
	id: node.id,
	key: node.key,
	name: node.name,
	levelName: node.levelName,
	population: node.population,
	children: node.children.map(slim)
});

const count = (nodes: HomeArea[]): number => nodes.reduce((s, n) => s + 1 + count(n.children), 0);

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = locals.ctx;
	const tree = await areaTree(db);
	const map = tree.length > 0 ? await outlineMap(db) : null;
	const areas = tree.map(slim);
	return {
		// Demo mode (embedded DB with the demo loaded), or demo rows loaded by `qk seed demo` elsewhere.
		showDemoNotice: getApp().demoMode || tree.some((root) => root.isDemo),
		// One root is the whole city ("city average"); several roots are shown side by side.
		cityName: tree.length === 1 ? tree[0].name : null,
		populationYear: tree[0]?.populationYear ?? null,
		areaCount: count(areas),
		areas,
		map
	};
};
