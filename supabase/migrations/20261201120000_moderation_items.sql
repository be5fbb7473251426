-- Moderation for any module's items: reports and the moderation log address (item_type, item_id)
-- instead of a contribution. Existing rows move over with item_type 'contribution'.

create table qk.moderation_report (
  id uuid primary key default gen_random_uuid(),
  item_type text not null,
  item_id uuid not null,
  consultation_id uuid references qk.consultation (id) on delete cascade,
  reporter_id uuid references qk.app_user (id) on delete set null,
  reporter_key text,                                       -- anonymous: daily-rotated HMAC, never an IP
  reason text not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create unique index moderation_report_user_idx on qk.moderation_report (item_type, item_id, reporter_id) where reporter_id is not null;
create unique index moderation_report_key_idx on qk.moderation_report (item_type, item_id, reporter_key) where reporter_key is not null;
create index moderation_report_open_idx on qk.moderation_report (item_type, item_id) where resolved_at is null;

insert into qk.moderation_report (id, item_type, item_id, consultation_id, reporter_id, reporter_key, reason, created_at, resolved_at)
select r.id, 'contribution', r.contribution_id, c.consultation_id, r.reporter_id, r.reporter_key, r.reason, r.created_at, r.resolved_at
from qk.contribution_report r join qk.contribution c on c.id = r.contribution_id;

drop table qk.contribution_report;

alter table qk.moderation_log add column item_type text;
alter table qk.moderation_log add column item_id uuid;
update qk.moderation_log set item_type = 'contribution', item_id = contribution_id where contribution_id is not null;
alter table qk.moderation_log drop column contribution_id;
alter table qk.moderation_log add constraint moderation_log_item_check check ((item_type is null) = (item_id is null));
create index moderation_log_item_idx on qk.moderation_log (item_type, item_id);
create index moderation_log_created_idx on qk.moderation_log (created_at desc);

-- Items deleted from their module keep their log rows (the log is the audit trail); a deleted
-- contribution's reports go with it.
create or replace function qk.delete_contribution_reports() returns trigger language plpgsql as $$
begin
  delete from qk.moderation_report where item_type = 'contribution' and item_id = old.id;
  return old;
end $$;
create trigger contribution_reports_cleanup after delete on qk.contribution
  for each row execute function qk.delete_contribution_reports();

alter table qk.moderation_report enable row level security;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on qk.moderation_report from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on qk.moderation_report from authenticated';
  end if;
end $$;
