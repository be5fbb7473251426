-- A version number per consultation for what its public contribution map shows. The server keeps
-- map tiles (serialised features per tile) in memory and serves them while the version it read
-- before building them is still the current one; every write that changes what the map shows
-- (create, edit, moderation, status, deletion, support, category rename) raises the version.
-- No foreign key: the row outlives a deleted consultation harmlessly (no row means version 0).
create table qk.contribution_map_version (
  consultation_id uuid primary key,
  version bigint not null default 0
);
alter table qk.contribution_map_version enable row level security;

-- Raised at commit (a deferred constraint trigger): the version row is the last lock a writing
-- transaction takes, held only while it commits, so it cannot deadlock with contribution row locks
-- taken in any order. Once per consultation and transaction (a transaction-local setting remembers).
create function qk.bump_contribution_map_version() returns trigger language plpgsql as $$
declare
  ids uuid[];
  cid uuid;
  flag text;
begin
  if tg_table_name = 'contribution' then
    if tg_op = 'UPDATE' then
      -- Replies, report and reply counters are not on the map.
      if old.kind <> 'map_comment' and new.kind <> 'map_comment' then return null; end if;
      if old.consultation_id = new.consultation_id and old.status = new.status
         and old.body = new.body
         and old.geometry is not distinct from new.geometry
         and old.category_id is not distinct from new.category_id
         and old.support_count = new.support_count and old.created_at = new.created_at
         and old.kind = new.kind then
        return null;
      end if;
      ids := array[old.consultation_id, new.consultation_id];
    elsif tg_op = 'INSERT' then
      if new.kind <> 'map_comment' then return null; end if;
      ids := array[new.consultation_id];
    else
      if old.kind <> 'map_comment' then return null; end if;
      ids := array[old.consultation_id];
    end if;
  else
    -- consultation_category: its name is shown in the map's popups.
    if tg_op = 'UPDATE' and old.name = new.name then return null; end if;
    ids := array[old.consultation_id];
  end if;
  foreach cid in array ids loop
    flag := 'qk.map_version_' || replace(cid::text, '-', '');
    if coalesce(current_setting(flag, true), '') <> '1' then
      perform set_config(flag, '1', true);
      insert into qk.contribution_map_version as v (consultation_id, version) values (cid, 1)
        on conflict (consultation_id) do update set version = v.version + 1;
    end if;
  end loop;
  return null;
end;
$$;

create constraint trigger contribution_map_version after insert or update or delete on qk.contribution
  deferrable initially deferred for each row execute function qk.bump_contribution_map_version();
create constraint trigger contribution_category_map_version after update or delete on qk.consultation_category
  deferrable initially deferred for each row execute function qk.bump_contribution_map_version();
