// The one result shape of every command: expected failures are values with a code, never throws.
export type Result<T, C extends string = string> =
	{ ok: true; value: T } | { ok: false; code: C; errors?: Record<string, string>; missing?: string[] };

export type Failure<C extends string = string> = Extract<Result<never, C>, { ok: false }>;

export function ok<T>(value: T): { ok: true; value: T } {
	return { ok: true, value };
}

export function failure<C extends string>(code: C, errors?: Record<string, string>): Failure<C> {
	return errors ? { ok: false, code, errors } : { ok: false, code };
}
