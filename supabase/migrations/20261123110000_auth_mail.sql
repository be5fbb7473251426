-- Auth and mail: the outbox sender leases rows (several app nodes) and backs off after failures.
-- next_attempt_at: not before this time — a short lease while one sender works on the row, then
-- a growing pause after a failed attempt. NULL means "send as soon as possible".
alter table qk.mail_outbox add column next_attempt_at timestamptz;

create index rate_limit_window_idx on qk.rate_limit (window_start);
create index auth_token_expires_idx on qk.auth_token (expires_at);
