// Documentation after the event: minutes (PDF) and photos (photo consent noted). Content is checked
// (PDF signature, image type by its bytes), photos lose their EXIF/metadata (uploads/images.ts).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { can } from '../auth/permissions';
import { actorUserId, failure, ok, writeAudit, type CommandContext, type Result } from '../core';
import type { DB } from '../db/types';
import { checkPdf } from '../uploads/files';
import { cleanImage } from '../uploads/images';
import { UPLOAD_PREFIX } from '../uploads/prefixes';
import { eventSubject } from './queries';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type DocumentError =
	'not_found' | 'doc_type' | 'doc_corrupt' | 'doc_unsafe' | 'doc_too_large' | 'doc_consent' | 'doc_title';

/**
 * The file as it will be published (residents download minutes and see photos): a PDF checked like
 * survey answer files (complete, no scripts, actions or embedded files), a photo cleaned like every
 * image upload (metadata and anything after the image gone).
 */
export function checkEventDocument(
	kind: 'minutes' | 'photo',
	data: Uint8Array
):
	| { ok: true; bytes: Uint8Array; contentType: string; ext: string }
	| { ok: false; code: 'doc_type' | 'doc_corrupt' | 'doc_unsafe' } {
	if (kind === 'minutes') {
		const pdf = checkPdf(data);
		if (!pdf.ok)
			return {
				ok: false,
				code:
					pdf.code === 'file_unsafe' ? 'doc_unsafe' : pdf.code === 'file_corrupt' ? 'doc_corrupt' : 'doc_type'
			};
		return { ok: true, bytes: data, contentType: 'application/pdf', ext: 'pdf' };
	}
	const image = cleanImage(data);
	if (!image.ok) return { ok: false, code: image.code === 'type' ? 'doc_type' : 'doc_corrupt' };
	return { ok: true, bytes: image.data, contentType: image.contentType, ext: image.extension };
}

export async function attachDocument(
	ctx: CommandContext,
	eventId: string,
	input: { kind: 'minutes' | 'photo'; title: string; bytes: Uint8Array; photoConsent: boolean }
): Promise<Result<{ id: string }, DocumentError>> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	const title = input.title.trim();
	if (!title || title.length > 200) return failure('doc_title');
	if (input.bytes.length === 0 || input.bytes.length > MAX_DOCUMENT_BYTES) return failure('doc_too_large');
	if (input.kind === 'photo' && !input.photoConsent) return failure('doc_consent');
	const checked = checkEventDocument(input.kind, input.bytes);
	if (!checked.ok) return failure(checked.code);
	const { bytes, contentType, ext } = checked;
	if (!ctx.storage) throw new Error('storage is required for documents');
	const key = `${UPLOAD_PREFIX.events}${randomUUID()}.${ext}`;
	await ctx.storage.put(key, bytes, contentType);
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			const upload = await trx
				.insertInto('upload')
				.values({
					storage_key: key,
					content_type: contentType,
					size_bytes: bytes.length,
					owner_id: actorUserId(ctx.actor)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const doc = await trx
				.insertInto('event_document')
				.values({
					event_id: eventId,
					upload_id: upload.id,
					kind: input.kind,
					title,
					photo_consent: input.kind === 'photo' && input.photoConsent,
					created_by: actorUserId(ctx.actor),
					created_at: ctx.now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await writeAudit(trx, {
				actorId: actorUserId(ctx.actor),
				action: 'events.attach_document',
				subjectType: 'event',
				subjectId: eventId,
				details: { kind: input.kind },
				at: ctx.now
			});
			return ok({ id: doc.id });
		});
	} catch (e) {
		await ctx.storage.delete(key).catch(() => undefined);
		throw e;
	}
}

export async function listDocuments(db: Kysely<DB>, eventId: string) {
	return db
		.selectFrom('event_document as d')
		.innerJoin('upload as u', 'u.id', 'd.upload_id')
		.select(['d.id', 'd.kind', 'd.title', 'u.content_type', 'u.storage_key'])
		.where('d.event_id', '=', eventId)
		.orderBy('d.created_at')
		.execute();
}

/**
 * Removes a document (e.g. when a photo consent is withdrawn): the row, its upload and the stored
 * file. The file goes after the commit, so a failed transaction never leaves a row without a file.
 */
export async function deleteDocument(
	ctx: CommandContext,
	eventId: string,
	documentId: string
): Promise<Result<{ kind: 'minutes' | 'photo' }, 'not_found'>> {
	const subject = await eventSubject(ctx.db, eventId);
	if (!subject || !can(ctx.actor, 'events.manage', subject)) return failure('not_found');
	if (!/^[0-9a-f-]{36}$/i.test(documentId)) return failure('not_found');
	if (!ctx.storage) throw new Error('storage is required for documents');
	const removed = await ctx.db.transaction().execute(async (trx) => {
		const doc = await trx
			.selectFrom('event_document as d')
			.innerJoin('upload as u', 'u.id', 'd.upload_id')
			.select(['d.id', 'd.kind', 'd.upload_id', 'u.storage_key'])
			.where('d.id', '=', documentId)
			.where('d.event_id', '=', eventId)
			.forUpdate()
			.executeTakeFirst();
		if (!doc) return null;
		await trx.deleteFrom('event_document').where('id', '=', doc.id).execute();
		await trx.deleteFrom('upload').where('id', '=', doc.upload_id).execute();
		await writeAudit(trx, {
			actorId: actorUserId(ctx.actor),
			action: 'events.delete_document',
			subjectType: 'event',
			subjectId: eventId,
			details: { kind: doc.kind },
			at: ctx.now
		});
		return doc;
	});
	if (!removed) return failure('not_found');
	await ctx.storage.delete(removed.storage_key);
	return ok({ kind: removed.kind as 'minutes' | 'photo' });
}
