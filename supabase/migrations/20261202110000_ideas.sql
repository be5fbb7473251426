-- Idea boards (issue 10): residents post ideas on a consultation's board, others support and comment;
-- staff answer through the outcomes core (qk.outcome, item_type 'idea'). Own tables rather than the
-- contribution envelope: the map-comments code reads every envelope row as a map comment (paths,
-- outcome kinds, moderation), and ideas carry a title, a support threshold and due dates of their own.

-- Phase rules of a consultation's board. No row: the consultation's own period, no threshold.
create table qk.idea_board (
  consultation_id uuid primary key references qk.consultation (id) on delete cascade,
  posting_starts_at timestamptz,
  posting_ends_at timestamptz,
  support_ends_at timestamptz,
  support_threshold integer check (support_threshold is null or support_threshold >= 1),
  response_days integer not null default 30 check (response_days between 1 and 365),
  archive_after_days integer check (archive_after_days is null or archive_after_days between 1 and 3650),
  -- The statuses staff may set on this board, in order (a subset of qk.outcome's statuses).
  status_path text[] not null default array['received', 'in_review', 'accepted', 'partly_accepted', 'not_feasible',
    'in_progress', 'implemented']::text[],
  updated_at timestamptz not null default now(),
  check (posting_ends_at is null or posting_starts_at is null or posting_ends_at > posting_starts_at)
);

create table qk.idea (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  author_id uuid references qk.app_user (id) on delete set null,   -- null: account deleted
  category_id uuid references qk.consultation_category (id) on delete set null,
  title text not null,
  body text not null,
  lon double precision,                                            -- optional place (WGS84 point)
  lat double precision,
  area_keys text[] not null default '{}'::text[],                  -- keys of every area it lies in, all levels
  status text not null default 'published' check (status in ('pending', 'published', 'hidden', 'deleted')),
  hidden_reason text,
  support_count integer not null default 0 check (support_count >= 0),
  comment_count integer not null default 0,
  report_count integer not null default 0,
  -- When the support threshold was reached: the official response is due response_days later.
  threshold_reached_at timestamptz,
  search tsvector generated always as (to_tsvector('german', title || ' ' || body)) stored,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  is_demo boolean not null default false,
  check ((lon is null) = (lat is null))
);
create index idea_list_idx on qk.idea (consultation_id, status, created_at desc);
create index idea_author_idx on qk.idea (author_id);
create index idea_search_idx on qk.idea using gin (search);

create table qk.idea_area (
  idea_id uuid not null references qk.idea (id) on delete cascade,
  area_id uuid not null references qk.area (id),
  primary key (idea_id, area_id)
);
create index idea_area_area_idx on qk.idea_area (area_id);

create table qk.idea_photo (
  id uuid primary key default gen_random_uuid(),
  idea_id uuid not null references qk.idea (id) on delete cascade,
  upload_id uuid not null references qk.upload (id) on delete cascade,
  alt_text text not null,
  position integer not null,
  unique (idea_id, position)
);

-- One support per signed-in person (the primary key makes concurrent double clicks count once).
create table qk.idea_support (
  idea_id uuid not null references qk.idea (id) on delete cascade,
  user_id uuid not null references qk.app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (idea_id, user_id)
);
create index idea_support_user_idx on qk.idea_support (user_id);

-- Comments with replies (one level: a reply to a reply attaches to its root).
create table qk.idea_comment (
  id uuid primary key default gen_random_uuid(),
  idea_id uuid not null references qk.idea (id) on delete cascade,
  parent_id uuid references qk.idea_comment (id) on delete cascade,
  author_id uuid references qk.app_user (id) on delete set null,
  body text not null,
  status text not null default 'published' check (status in ('pending', 'published', 'hidden', 'deleted')),
  hidden_reason text,
  report_count integer not null default 0,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false
);
create index idea_comment_idea_idx on qk.idea_comment (idea_id, created_at);
create index idea_comment_author_idx on qk.idea_comment (author_id);

-- Reports of a deleted idea or comment go with it (the moderation log stays).
create or replace function qk.delete_idea_reports() returns trigger language plpgsql as $$
begin
  delete from qk.moderation_report where item_type = TG_ARGV[0] and item_id = old.id;
  return old;
end $$;
create trigger idea_reports_cleanup after delete on qk.idea
  for each row execute function qk.delete_idea_reports('idea');
create trigger idea_comment_reports_cleanup after delete on qk.idea_comment
  for each row execute function qk.delete_idea_reports('idea_comment');

do $$
declare t text;
begin
  foreach t in array array['idea_board', 'idea', 'idea_area', 'idea_photo', 'idea_support', 'idea_comment'] loop
    execute format('alter table qk.%I enable row level security', t);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
