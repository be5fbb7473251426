// The modules' outcome adapters, looked up by item type through the registry.
import type { OutcomeAdapter } from '../component';
import { registry as appRegistry, type Registry } from '../registry';

export async function outcomeAdapters(registry: Registry = appRegistry): Promise<OutcomeAdapter[]> {
	const all = await registry.hooks();
	return all.flatMap(({ hooks }) => hooks.outcomeAdapters ?? []);
}

export async function findOutcomeAdapter(
	itemType: string,
	registry: Registry = appRegistry
): Promise<OutcomeAdapter | null> {
	return (await outcomeAdapters(registry)).find((a) => a.itemType === itemType) ?? null;
}
