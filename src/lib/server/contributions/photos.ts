// Photo checks: type by content (magic bytes), size, alt text; metadata (EXIF with GPS, XMP,
// comments) removed before storing (see uploads/images.ts).
import { cleanImage, detectImageType, type ImageType } from '../uploads/images';

export const MAX_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const ALT_MAX = 300;

export type PhotoType = ImageType;

export interface PhotoInput {
	data: Uint8Array;
	altText: string;
}

export type PhotoError = 'too_many' | 'too_large' | 'type' | 'alt_missing' | 'alt_too_long' | 'corrupt';

export interface CheckedPhoto {
	data: Uint8Array;
	contentType: PhotoType;
	altText: string;
	extension: string;
}

/** Checks and cleans the photos; the first problem found is returned with its (0-based) index. */
export function checkPhotos(
	photos: PhotoInput[]
): { ok: true; photos: CheckedPhoto[] } | { ok: false; code: PhotoError; index: number } {
	if (photos.length > MAX_PHOTOS) return { ok: false, code: 'too_many', index: MAX_PHOTOS };
	const out: CheckedPhoto[] = [];
	for (const [index, photo] of photos.entries()) {
		if (photo.data.length > MAX_PHOTO_BYTES) return { ok: false, code: 'too_large', index };
		if (!detectImageType(photo.data)) return { ok: false, code: 'type', index };
		const altText = photo.altText.trim();
		if (!altText) return { ok: false, code: 'alt_missing', index };
		if (altText.length > ALT_MAX) return { ok: false, code: 'alt_too_long', index };
		const image = cleanImage(photo.data);
		if (!image.ok) return { ok: false, code: image.code, index };
		out.push({ data: image.data, contentType: image.contentType, altText, extension: image.extension });
	}
	return { ok: true, photos: out };
}
