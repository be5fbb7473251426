// Browser start-up. zod (bundled for the questionnaire and form checks) probes once for eval with
// `new Function('')`; our CSP forbids eval, so the probe showed as a CSP script-src violation on
// every page that parses with zod. Jitless parsing needs no eval (zod falls back to it anyway).
import { config } from 'zod/v4/core';

config({ jitless: true });
