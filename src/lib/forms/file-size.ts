// Browser-side size check of chosen files, so an oversize file is named on the form before anything
// is sent (and everything typed stays). The server checks again; this only saves the round trip.

/** Names of the form's file inputs holding a file larger than maxBytes. */
export function oversizeFileInputs(form: HTMLFormElement, maxBytes: number): string[] {
	const names: string[] = [];
	for (const input of form.querySelectorAll<HTMLInputElement>('input[type="file"]'))
		if ([...(input.files ?? [])].some((f) => f.size > maxBytes)) names.push(input.name);
	return names;
}
