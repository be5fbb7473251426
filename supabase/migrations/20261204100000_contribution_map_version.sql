-- A version number per consultation for what its public contribution map shows, and the places each
-- version changed. The server keeps map tiles (serialised features per tile) in memory, labelled
-- with the version read before they were built; every write that changes what the map shows
-- (create, edit, moderation, status, deletion, support, category rename) raises the version at
-- commit and notes the boxes it touched, so a node relabels the tiles no change touched and
-- rebuilds only the others. No foreign keys: rows outlive a deleted consultation harmlessly.
create table qk.contribution_map_version (
  consultation_id uuid primary key,
  version bigint not null default 0
);
alter table qk.contribution_map_version enable row level security;

-- bbox null: anything in the consultation may have changed (a category renamed, a large batch).
create table qk.contribution_map_change (
  consultation_id uuid not null,
  version bigint not null,
  bbox box
);
create index contribution_map_change_idx on qk.contribution_map_change (consultation_id, version);
alter table qk.contribution_map_change enable row level security;

-- Runs at commit (a deferred constraint trigger): the version row is the last lock a writing
-- transaction takes, held only while it commits, so it cannot deadlock with contribution row locks
-- taken in any order. Once per consultation and transaction (a transaction-local setting keeps
-- 'version:boxes noted'); after 100 boxes one 'anything' row stands for the rest. The last 1000
-- versions' changes are kept; a node further behind rebuilds all its tiles.
create function qk.bump_contribution_map_version() returns trigger language plpgsql as $$
declare
  cid uuid;
  boxes box[] := '{}';
  b box;
  flag text;
  state text;
  v bigint;
  n integer;
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
      if old.consultation_id <> new.consultation_id then
        -- Moved between consultations (never done by the app): both maps start over.
        boxes := array[null::box];
      else
        if old.bbox is not null then boxes := array_append(boxes, old.bbox); end if;
        if new.bbox is not null then boxes := array_append(boxes, new.bbox); end if;
      end if;
      cid := new.consultation_id;
    elsif tg_op = 'INSERT' then
      if new.kind <> 'map_comment' then return null; end if;
      cid := new.consultation_id;
      if new.bbox is not null then boxes := array[new.bbox]; end if;
    else
      if old.kind <> 'map_comment' then return null; end if;
      cid := old.consultation_id;
      if old.bbox is not null then boxes := array[old.bbox]; end if;
    end if;
  else
    -- consultation_category: its name is shown in the map's popups.
    if tg_op = 'UPDATE' and old.name = new.name then return null; end if;
    cid := old.consultation_id;
    boxes := array[null::box];
  end if;
  flag := 'qk.map_version_' || replace(cid::text, '-', '');
  state := coalesce(current_setting(flag, true), '');
  if state = '' then
    insert into qk.contribution_map_version as m (consultation_id, version) values (cid, 1)
      on conflict (consultation_id) do update set version = m.version + 1
      returning version into v;
    delete from qk.contribution_map_change where consultation_id = cid and version <= v - 1000;
    n := 0;
  else
    v := split_part(state, ':', 1)::bigint;
    n := split_part(state, ':', 2)::integer;
  end if;
  if n < 100 then
    foreach b in array boxes loop
      if n >= 99 then
        insert into qk.contribution_map_change (consultation_id, version, bbox) values (cid, v, null);
        n := 100;
        exit;
      end if;
      insert into qk.contribution_map_change (consultation_id, version, bbox) values (cid, v, b);
      n := n + 1;
    end loop;
  end if;
  perform set_config(flag, v::text || ':' || n::text, true);
  return null;
end;
$$;

create constraint trigger contribution_map_version after insert or update or delete on qk.contribution
  deferrable initially deferred for each row execute function qk.bump_contribution_map_version();
create constraint trigger contribution_category_map_version after update or delete on qk.consultation_category
  deferrable initially deferred for each row execute function qk.bump_contribution_map_version();
