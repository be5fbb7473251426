-- Foundation: accounts, sessions, roles, areas, outbox, rate limits, pages, audit log.
-- Tables live in schema qk (not public) so Supabase's Data API does not expose them.
create schema if not exists qk;

create table qk.app_setting (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table qk.app_user (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  email_verified_at timestamptz,
  password_hash text,
  display_name text not null,
  locale text not null default 'de',
  password_changed_at timestamptz,
  blocked_at timestamptz,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index app_user_email_idx on qk.app_user (lower(email));

create table qk.session (
  id text primary key,              -- SHA-256 (hex) of the cookie token; the token itself is never stored
  user_id uuid not null references qk.app_user (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index session_user_idx on qk.session (user_id);

-- One-time tokens for e-mail verification, password reset, magic-link login and e-mail change.
create table qk.auth_token (
  id text primary key,              -- SHA-256 (hex) of the token sent by mail
  user_id uuid not null references qk.app_user (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password', 'magic_link', 'change_email')),
  new_email text,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index auth_token_user_idx on qk.auth_token (user_id, purpose);

create table qk.organisation (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

-- Area levels (Stadtbezirk ⊃ Stadtteil ⊃ Quartier …); rank 0 is the top (the whole city).
create table qk.area_level (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,
  name text not null,
  rank integer not null unique,
  is_demo boolean not null default false
);

-- Areas are versioned: (level, key, valid_from) is unique; data references the row (version).
create table qk.area (
  id uuid primary key default gen_random_uuid(),
  level_id uuid not null references qk.area_level (id),
  key text not null,                -- text: keys keep their leading zeros
  name text not null,
  parent_id uuid references qk.area (id),
  population integer check (population is null or population >= 0),
  population_year integer,
  valid_from date not null default date '1900-01-01',
  valid_to date,
  geometry jsonb,                   -- display geometry (GeoJSON, WGS84, simplified)
  geometry_original jsonb,          -- as imported (reprojected), for exports
  bbox box,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  unique (level_id, key, valid_from)
);
create index area_bbox_idx on qk.area using gist (bbox);
create index area_parent_idx on qk.area (parent_id);

-- Roles are grants (user, role, scope). One row per scoped object (several areas = several rows).
create table qk.role_grant (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references qk.app_user (id) on delete cascade,
  role text not null check (role in ('resident', 'organisation_member', 'quarter_manager', 'planner', 'moderator', 'admin')),
  scope_type text not null check (scope_type in ('global', 'area', 'consultation', 'organisation')),
  scope_id uuid,
  granted_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((scope_type = 'global') = (scope_id is null))
);
create unique index role_grant_unique_idx
  on qk.role_grant (user_id, role, scope_type, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid));

create table qk.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  body_text text not null,
  kind text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index mail_outbox_unsent_idx on qk.mail_outbox (created_at) where sent_at is null;

-- Fixed-window counters. Keys are HMACs (never raw IPs or e-mails).
create table qk.rate_limit (
  key text primary key,
  window_start timestamptz not null,
  count integer not null
);

-- Editable texts of Impressum, Datenschutz, Barrierefreiheit (plain text, per language).
create table qk.page_text (
  slug text not null,
  locale text not null,
  title text not null,
  body text not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references qk.app_user (id) on delete set null,
  primary key (slug, locale)
);

create table qk.audit_log (
  id uuid primary key default gen_random_uuid(),
  actor_id uuid references qk.app_user (id) on delete set null,
  action text not null,
  subject_type text,
  subject_id text,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_created_idx on qk.audit_log (created_at);

-- Uploaded files (bytes live in the storage driver: local disk or Supabase Storage).
create table qk.upload (
  id uuid primary key default gen_random_uuid(),
  storage_key text not null unique,
  content_type text not null,
  size_bytes integer not null,
  owner_id uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);

-- RLS on, no policies: nothing is reachable through Supabase's Data API. The app connects as owner.
do $$
declare t record;
begin
  for t in select tablename from pg_tables where schemaname = 'qk' loop
    execute format('alter table qk.%I enable row level security', t.tablename);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on schema qk from anon';
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on schema qk from authenticated';
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
