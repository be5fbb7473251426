// Text for a missing value: protected (small numbers), an official placeholder, or no data.
import type { TFunction } from 'i18next';
import type { ValueReasonCode } from '../../monitoring/types';

export function reasonText(t: TFunction, reason: ValueReasonCode | null): string {
	return t(`monitoring.reasons.${reason ?? 'no_value'}`);
}

export function sourceText(t: TFunction, source: string, asOf: string): string {
	const s = source || t('monitoring.unknownSource');
	return asOf ? t('monitoring.source', { source: s, asOf }) : t('monitoring.sourceNoDate', { source: s });
}
