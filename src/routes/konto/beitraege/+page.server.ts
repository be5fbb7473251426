// "Meine Beiträge": everything the signed-in person contributed, in every module, with its status.
import { redirect } from '@sveltejs/kit';
import { listMyContributions, PageParam } from '$lib/server/participation/outcomes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { actor, db } = locals.ctx;
	if (!actor) redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	const list = await listMyContributions(db, actor.id, PageParam.parse(url.searchParams.get('seite') ?? 1));
	return {
		page: list.page,
		pages: list.pages,
		total: list.total,
		entries: list.entries.map((e) => ({
			key: `${e.itemType}:${e.itemId}`,
			kindKey: e.kindKey,
			consultationTitle: e.consultationTitle,
			excerpt: e.excerpt,
			createdAt: e.createdAt,
			moderationStatus: e.status,
			path: e.path,
			outcome: e.outcome
		}))
	};
};
