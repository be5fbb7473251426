// The participation core: registry, gate, proof-of-work. Moderation lives in ./moderation.
export {
	ACCOUNT_LIMIT,
	admitParticipation,
	ANONYMOUS_LIMIT,
	dailyVisitorKey,
	isBlockedIn,
	type GateContext,
	type GateError,
	type GateRequest
} from './gate';
export { checkProof, consumeProof, issueChallenge, proofFor, type ProofError } from './proof-of-work';
export { Registry, registry } from './registry';
