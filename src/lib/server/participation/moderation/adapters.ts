// Finding a module's moderation adapter for an item type.
import type { ModerationAdapter } from '../component';
import { registry as appRegistry, type Registry } from '../registry';

export async function moderationAdapters(registry: Registry = appRegistry): Promise<ModerationAdapter[]> {
	const all = await registry.hooks();
	return all.flatMap(({ hooks }) => hooks.moderation ?? []);
}

export async function moderationAdapter(
	itemType: string,
	registry: Registry = appRegistry
): Promise<ModerationAdapter | null> {
	return (await moderationAdapters(registry)).find((a) => a.itemType === itemType) ?? null;
}
