import { authorize } from '$lib/server/auth/permissions';
import { isImportId, listAreaImports, listLevelOverview } from '$lib/server/area-import';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	authorize(locals.ctx, 'area.manage', undefined, url.pathname);
	const { db } = locals.ctx;
	const [levels, imports] = await Promise.all([listLevelOverview(db), listAreaImports(db, 10)]);
	const importId = url.searchParams.get('import') ?? '';
	const justImported = isImportId(importId) ? (imports.find((i) => i.id === importId) ?? null) : null;
	return {
		levels,
		imports: imports.map((i) => ({
			id: i.id,
			fileName: i.fileName,
			createdAt: i.createdAt.toISOString(),
			levels: ((i.summary.levels ?? []) as { name: string; total: number }[]).map((l) => ({
				name: l.name,
				total: l.total
			}))
		})),
		justImported: justImported
			? {
					fileName: justImported.fileName,
					totals: ((justImported.summary.levels ?? []) as Record<string, number>[]).reduce(
						(sum, l) => ({
							total: sum.total + l.total,
							new: sum.new + l.new,
							changed: sum.changed + l.changed,
							newVersion: sum.newVersion + l.newVersion,
							unchanged: sum.unchanged + l.unchanged
						}),
						{ total: 0, new: 0, changed: 0, newVersion: 0, unchanged: 0 }
					)
				}
			: null
	};
};
