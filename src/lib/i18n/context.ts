import { getContext, setContext } from 'svelte';
import type { TFunction } from 'i18next';

const KEY = Symbol('qk-i18n');

/** Root layout sets a getter so components always translate with the current language. */
export function setTranslator(get: () => TFunction): void {
	setContext(KEY, get);
}

/** In components: `const t = useT();` then `{t('core.nav.home')}`. */
export function useT(): TFunction {
	const get = getContext<() => TFunction>(KEY);
	return ((...args: Parameters<TFunction>) => get()(...args)) as TFunction;
}
