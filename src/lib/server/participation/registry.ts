// The participation modules. Adding a module = its folder plus one line in COMPONENTS.
import type { ModuleInfo, ModuleSection } from '../../participation/types';
import { mapCommentsManifest } from '../contributions/manifest';
import { ideasManifest } from '../ideas/manifest';
import { measuresManifest } from '../measures/manifest';
import { surveysManifest } from '../surveys/manifest';
import { eventsManifest } from '../events/manifest';
import type { ParticipationHooks, ParticipationManifest } from './component';

export class Registry {
	readonly components: readonly ParticipationManifest[];
	constructor(components: readonly ParticipationManifest[]) {
		const keys = new Set<string>();
		const segments = new Set<string>();
		for (const c of components) {
			if (keys.has(c.key)) throw new Error(`Module ${c.key} is registered twice`);
			if (segments.has(c.segment)) throw new Error(`URL segment ${c.segment} is used twice`);
			keys.add(c.key);
			segments.add(c.segment);
		}
		this.components = components;
	}

	get(key: string): ParticipationManifest | undefined {
		return this.components.find((c) => c.key === key);
	}

	/** Modules a consultation can switch on. */
	forConsultations(): ParticipationManifest[] {
		return this.components.filter((c) => c.attachesTo === 'consultation');
	}

	/** For the consultation form (browser-safe). */
	moduleInfos(): ModuleInfo[] {
		return this.forConsultations().map((c) => ({ key: c.key, labelKey: c.labelKey, segment: c.segment }));
	}

	/** The sections of a consultation page: the modules it has switched on, in registry order. */
	sectionsFor(modules: readonly string[]): ModuleSection[] {
		return this.forConsultations()
			.filter((c) => modules.includes(c.key))
			.map((c) => ({ key: c.key, labelKey: c.labelKey, segment: c.segment, ...c.section }));
	}

	/** Every module's hooks, loaded (they are imported lazily, see component.ts). */
	async hooks(): Promise<{ manifest: ParticipationManifest; hooks: ParticipationHooks }[]> {
		return Promise.all(
			this.components.map(async (manifest) => ({ manifest, hooks: await manifest.hooks() }))
		);
	}
}

// measures last: its demo seed links the other modules' demo items.
const COMPONENTS: readonly ParticipationManifest[] = [
	mapCommentsManifest,
	surveysManifest,
	ideasManifest,
	eventsManifest,
	measuresManifest
];

/** The app's registry. Services take a Registry argument defaulting to this one (tests pass their own). */
export const registry = new Registry(COMPONENTS);
