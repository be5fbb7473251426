-- Consultations (Beteiligungsverfahren) and map contributions, with moderation.

create table qk.consultation (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null,
  summary text not null default '',
  description text not null default '',
  image_upload_id uuid references qk.upload (id) on delete set null,
  image_alt text,
  -- Stated plainly before anyone takes part (required to publish):
  participation_level text not null check (participation_level in ('information', 'konsultation', 'kooperation')),
  can_influence text not null,        -- what can still be influenced
  already_decided text not null,      -- what is already decided
  outcome_plan text not null,         -- what will happen with the input, and when
  contact_name text not null,
  contact_email text,
  contact_phone text,
  status text not null default 'draft' check (status in ('draft', 'published', 'closed', 'archived')),
  starts_at timestamptz,
  ends_at timestamptz,
  allow_anonymous boolean not null default false,
  pre_moderation boolean not null default false,
  modules text[] not null default array['map_comments']::text[],
  auto_hide_after_reports integer not null default 3 check (auto_hide_after_reports >= 1),
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  is_demo boolean not null default false,
  check (ends_at is null or starts_at is null or ends_at > starts_at)
);
create index consultation_status_idx on qk.consultation (status, starts_at);

-- The areas a consultation concerns (any level); managers need grants covering all of them.
create table qk.consultation_area (
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  area_id uuid not null references qk.area (id),
  primary key (consultation_id, area_id)
);
create index consultation_area_area_idx on qk.consultation_area (area_id);

create table qk.consultation_phase (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  position integer not null,
  name text not null,
  description text not null default '',
  starts_on date,
  ends_on date,
  unique (consultation_id, position)
);

create table qk.consultation_category (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  position integer not null,
  name text not null,
  unique (consultation_id, name)
);

-- A map contribution (and, later, other kinds). Replies are contributions with a parent (one level).
create table qk.contribution (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  parent_id uuid references qk.contribution (id) on delete cascade,
  kind text not null default 'map_comment' check (kind in ('map_comment', 'reply')),
  author_id uuid references qk.app_user (id) on delete set null,   -- null: anonymous, or account deleted
  anonymous_token_hash text,                                       -- SHA-256 of the private edit/delete link
  category_id uuid references qk.consultation_category (id) on delete set null,
  body text not null,
  geometry jsonb,                                                  -- GeoJSON Point / LineString / Polygon (WGS84)
  geometry_type text check (geometry_type in ('Point', 'LineString', 'Polygon')),
  bbox box,
  area_keys text[] not null default '{}'::text[],                  -- keys of every area it touches, all levels
  channel text not null default 'online' check (channel in ('online', 'paper', 'interview', 'workshop', 'phone', 'info_stand', 'walk')),
  collected_on date,                                               -- analog channels: when it was collected
  entered_by uuid references qk.app_user (id) on delete set null,  -- analog channels: who typed it in
  status text not null default 'published' check (status in ('pending', 'published', 'hidden', 'deleted')),
  hidden_reason text,
  support_count integer not null default 0,
  report_count integer not null default 0,
  reply_count integer not null default 0,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  is_demo boolean not null default false,
  check ((geometry is null) = (geometry_type is null))
);
create index contribution_bbox_idx on qk.contribution using gist (bbox);
create index contribution_list_idx on qk.contribution (consultation_id, status, created_at desc);
create index contribution_parent_idx on qk.contribution (parent_id);
create index contribution_author_idx on qk.contribution (author_id);

-- Which area rows (versions) a contribution was assigned to at write time.
create table qk.contribution_area (
  contribution_id uuid not null references qk.contribution (id) on delete cascade,
  area_id uuid not null references qk.area (id),
  primary key (contribution_id, area_id)
);
create index contribution_area_area_idx on qk.contribution_area (area_id);

create table qk.contribution_photo (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid not null references qk.contribution (id) on delete cascade,
  upload_id uuid not null references qk.upload (id) on delete cascade,
  alt_text text not null,
  position integer not null,
  unique (contribution_id, position)
);

-- "Sehe ich auch so": one per signed-in person.
create table qk.contribution_support (
  contribution_id uuid not null references qk.contribution (id) on delete cascade,
  user_id uuid not null references qk.app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (contribution_id, user_id)
);

-- Reports by signed-in users (reporter_id) or anonymous visitors (reporter_key: daily-rotated HMAC, never an IP).
create table qk.contribution_report (
  id uuid primary key default gen_random_uuid(),
  contribution_id uuid not null references qk.contribution (id) on delete cascade,
  reporter_id uuid references qk.app_user (id) on delete set null,
  reporter_key text,
  reason text not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create unique index contribution_report_user_idx on qk.contribution_report (contribution_id, reporter_id) where reporter_id is not null;
create unique index contribution_report_key_idx on qk.contribution_report (contribution_id, reporter_key) where reporter_key is not null;

-- Every moderation action, for the audit trail shown to moderators.
create table qk.moderation_log (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid references qk.consultation (id) on delete cascade,
  contribution_id uuid references qk.contribution (id) on delete cascade,
  target_user_id uuid references qk.app_user (id) on delete set null,
  actor_id uuid references qk.app_user (id) on delete set null,    -- null: automatic (auto-hide after reports)
  action text not null check (action in ('approve', 'hide', 'restore', 'auto_hide', 'block_user', 'unblock_user', 'delete')),
  reason text,
  created_at timestamptz not null default now()
);
create index moderation_log_consultation_idx on qk.moderation_log (consultation_id, created_at desc);

do $$
declare t text;
begin
  foreach t in array array['consultation', 'consultation_area', 'consultation_phase', 'consultation_category', 'contribution',
    'contribution_area', 'contribution_photo', 'contribution_support', 'contribution_report', 'moderation_log'] loop
    execute format('alter table qk.%I enable row level security', t);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
