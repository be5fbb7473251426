/** An image already checked by content (see detectImageType) and size. */
export interface ImageFile {
	bytes: Uint8Array;
	contentType: 'image/jpeg' | 'image/png' | 'image/webp';
}
