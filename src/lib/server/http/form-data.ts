// Reading a form post whose body may exceed BODY_SIZE_LIMIT. adapter-node then fails the body
// stream with a 413; the form should say so in the person's language instead of an error page.

export type FormDataRead = { ok: true; form: FormData } | { ok: false; code: 'too_large' };

function statusOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null && 'status' in value ? value.status : undefined;
}

/** The body was refused as too large (adapter-node's 413, possibly wrapped by the fetch layer). */
export function isPayloadTooLarge(error: unknown): boolean {
	return statusOf(error) === 413 || (error instanceof Error && statusOf(error.cause) === 413);
}

export async function readFormData(request: Request): Promise<FormDataRead> {
	try {
		return { ok: true, form: await request.formData() };
	} catch (error) {
		if (isPayloadTooLarge(error)) return { ok: false, code: 'too_large' };
		throw error;
	}
}

/** Whole megabytes for messages ("höchstens 60 MB"). */
export function megabytes(bytes: number): number {
	return Math.floor(bytes / 1024 / 1024);
}
