-- Workshop results linked to ideas (issue 11): the organiser or planner says which idea a workshop
-- result (a contribution of channel 'workshop') supports or relates to. The idea page lists its
-- workshop results, the result names its ideas. Who linked is in the audit log (no user column here,
-- so nothing personal to export or anonymise). Either side going removes the link.
create table qk.idea_result_link (
  idea_id uuid not null references qk.idea (id) on delete cascade,
  contribution_id uuid not null references qk.contribution (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (idea_id, contribution_id)
);
create index idea_result_link_contribution_idx on qk.idea_result_link (contribution_id);

alter table qk.idea_result_link enable row level security;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on qk.idea_result_link from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on qk.idea_result_link from authenticated';
  end if;
end $$;
