// Deleting contributions' photos: their upload rows go in the caller's transaction (the photo rows
// cascade); the caller removes the returned storage keys once the transaction has committed.
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';

export async function deletePhotoRows(trx: Kysely<DB>, contributionIds: string[]): Promise<string[]> {
	if (contributionIds.length === 0) return [];
	const photos = await trx
		.selectFrom('contribution_photo')
		.innerJoin('upload', 'upload.id', 'contribution_photo.upload_id')
		.select(['upload.id', 'upload.storage_key'])
		.where('contribution_photo.contribution_id', 'in', contributionIds)
		.execute();
	if (photos.length)
		await trx
			.deleteFrom('upload')
			.where(
				'id',
				'in',
				photos.map((p) => p.id)
			)
			.execute();
	return photos.map((p) => p.storage_key);
}
