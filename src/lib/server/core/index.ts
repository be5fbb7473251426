// The basics every module uses, once: result, command context, form parsing, field errors, audit,
// paging.
export { writeAudit, type AuditEntry } from './audit';
export {
	actorUserId,
	isSystemActor,
	SYSTEM_ACTOR,
	type CommandContext,
	type Needs,
	type RequestContext
} from './context';
export { translateFieldErrors, zodFieldErrors, type FieldErrors } from './field-errors';
export { pageOf, type PageOf } from './paging';
export { formValues, parseForm, type FormParse } from './parse-form';
export { failure, ok, type Failure, type Result } from './result';
