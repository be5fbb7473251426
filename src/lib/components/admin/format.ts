// Small display helpers for the admin pages (browser-safe: no server imports).
import type { TFunction } from 'i18next';

export interface GrantForDisplay {
	scopeType: string;
	scopeId: string | null;
	scopeName: string | null;
	scopeLevel: string | null;
}

export function scopeLabel(grant: GrantForDisplay, t: TFunction): string {
	switch (grant.scopeType) {
		case 'global':
			return t('admin.user.scopeGlobal');
		case 'consultation':
			return t('admin.user.scopeConsultation', { id: grant.scopeId });
		default:
			if (!grant.scopeName) return t('admin.user.scopeUnknown', { id: grant.scopeId });
			return grant.scopeLevel ? `${grant.scopeName} (${grant.scopeLevel})` : grant.scopeName;
	}
}
