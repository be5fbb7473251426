// Supabase Storage driver. Implemented in full by the storage work; see tests/integration/storage.
import type { Storage } from './index';

export interface SupabaseStorageOptions {
	url: string;
	serviceKey: string;
	bucket: string;
}

export function createSupabaseStorage(_options: SupabaseStorageOptions): Storage {
	throw new Error('Supabase-Speicher ist noch nicht eingerichtet.');
}
