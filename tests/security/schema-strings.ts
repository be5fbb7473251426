// Finds every string-typed field in a zod schema, as dotted paths (`a.b`, `list[].label`, `text.*` for
// a record's values), so a list of covered fields can be checked against the real input schemas.
import type { z } from 'zod';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

export function stringPaths(schema: z.ZodType): string[] {
	const found = new Set<string>();
	// a recursive schema (conditions of conditions) repeats its fields: met again on the way down, stop
	const onPath = new Set<z.ZodType>();
	const walk = (s: z.ZodType, path: string, depth: number) => {
		if (depth > 40) throw new Error(`schema too deep at ${path}`);
		if (onPath.has(s)) return;
		onPath.add(s);
		try {
			visit(s, path, depth);
		} finally {
			onPath.delete(s);
		}
	};
	const visit = (s: z.ZodType, path: string, depth: number) => {
		const def = defOf(s);
		const at = (p: string) => (path ? `${path}.${p}` : p);
		switch (def.type) {
			case 'string':
				found.add(path);
				return;
			case 'object':
				for (const [key, child] of Object.entries((s as z.ZodObject).shape))
					walk(child as z.ZodType, at(key), depth + 1);
				return;
			case 'array':
				return walk(def.element as z.ZodType, `${path}[]`, depth + 1);
			case 'record':
				return walk(def.valueType as z.ZodType, at('*'), depth + 1);
			case 'union':
				for (const option of def.options as z.ZodType[]) walk(option, path, depth + 1);
				return;
			case 'intersection':
				walk(def.left as z.ZodType, path, depth + 1);
				return walk(def.right as z.ZodType, path, depth + 1);
			case 'tuple':
				(def.items as z.ZodType[]).forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
				return;
			case 'pipe': {
				// what a person sends is the input side; a preprocess step (a transform) says nothing, so
				// then the target schema is what counts
				const input = def.in as z.ZodType;
				return walk(defOf(input).type === 'transform' ? (def.out as z.ZodType) : input, path, depth + 1);
			}
			case 'optional':
			case 'nullable':
			case 'default':
			case 'prefault':
			case 'catch':
			case 'readonly':
			case 'nonoptional':
				return walk(def.innerType as z.ZodType, path, depth + 1);
			case 'lazy':
				return walk((def.getter as () => z.ZodType)(), path, depth + 1);
			default:
				return; // numbers, booleans, enums, literals, dates, files: no free text
		}
	};
	walk(schema, '', 0);
	return [...found].sort();
}
