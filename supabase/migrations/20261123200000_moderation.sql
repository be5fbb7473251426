-- Moderation: per-consultation blocks and a "reports dismissed" action in the audit log.

-- A moderator or manager blocks an account from writing in one consultation (contributions, replies,
-- support). Blocking an account on the whole platform stays an admin action (app_user.blocked_at).
create table qk.consultation_block (
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  user_id uuid not null references qk.app_user (id) on delete cascade,
  reason text not null,
  blocked_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (consultation_id, user_id)
);

alter table qk.moderation_log drop constraint moderation_log_action_check;
alter table qk.moderation_log add constraint moderation_log_action_check check (action in
  ('approve', 'hide', 'restore', 'auto_hide', 'dismiss_reports', 'block_user', 'unblock_user', 'delete'));

-- The moderation queue: open reports per contribution.
create index contribution_report_open_idx on qk.contribution_report (contribution_id) where resolved_at is null;
create index contribution_moderation_idx on qk.contribution (consultation_id, status) where status in ('pending', 'hidden') or report_count > 0;

alter table qk.consultation_block enable row level security;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on qk.consultation_block from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on qk.consultation_block from authenticated';
  end if;
end $$;
