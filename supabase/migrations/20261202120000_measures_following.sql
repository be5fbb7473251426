-- Measures (Maßnahmen), following and notification delivery (issue 10).
--
-- A measure is what the city does in answer to residents' input. It belongs to the areas it concerns
-- (one or more, any level) and optionally to a consultation (consultation_id): a measure may answer
-- input of several consultations or none, so the areas are what every measure has, and the
-- consultation is a home for those born in one procedure (its managers may then maintain it).

create table qk.measure (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid references qk.consultation (id) on delete set null,
  title text not null,
  description text not null default '',
  responsible text not null,
  budget_euros numeric(14, 2) check (budget_euros is null or budget_euros >= 0),
  funding_source text not null default '',
  starts_on date,
  ends_on date,
  progress integer not null default 0 check (progress between 0 and 100),
  status text not null default 'draft' check (status in ('draft', 'published')),
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  is_demo boolean not null default false,
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index measure_status_idx on qk.measure (status, updated_at desc);
create index measure_consultation_idx on qk.measure (consultation_id);

create table qk.measure_area (
  measure_id uuid not null references qk.measure (id) on delete cascade,
  area_id uuid not null references qk.area (id),
  primary key (measure_id, area_id)
);
create index measure_area_area_idx on qk.measure_area (area_id);

-- Dated milestones: every progress change, append-only history shown on the measure's page.
create table qk.measure_progress (
  id uuid primary key default gen_random_uuid(),
  measure_id uuid not null references qk.measure (id) on delete cascade,
  progress integer not null check (progress between 0 and 100),
  previous_progress integer not null check (previous_progress between 0 and 100),
  milestone_on date not null,
  note text not null default '',
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index measure_progress_measure_idx on qk.measure_progress (measure_id, milestone_on desc, created_at desc);
create index measure_progress_creator_idx on qk.measure_progress (created_by);

-- What a measure answers: any input of any module, addressed as (item_type, item_id).
create table qk.measure_link (
  measure_id uuid not null references qk.measure (id) on delete cascade,
  item_type text not null,
  item_id uuid not null,
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (measure_id, item_type, item_id)
);
create index measure_link_item_idx on qk.measure_link (item_type, item_id);

-- What a person follows: an item of any module ('idea', 'measure' …), a consultation or an area.
-- token: the unguessable one-click unsubscribe link of this subscription (only unsubscribes it).
-- auto: set up by the app (author or supporter of an idea), not by a click on "Folgen".
create table qk.follow (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references qk.app_user (id) on delete cascade,
  target_type text not null,
  target_id uuid not null,
  auto boolean not null default false,
  token text not null unique,
  created_at timestamptz not null default now(),
  unique (user_id, target_type, target_id)
);
create index follow_target_idx on qk.follow (target_type, target_id);

-- A person's delivery choice. No row: weekly digest, automatic following on. token: one-click
-- unsubscribe from all notification mails (the List-Unsubscribe header).
create table qk.notification_setting (
  user_id uuid primary key references qk.app_user (id) on delete cascade,
  delivery text not null default 'weekly' check (delivery in ('immediate', 'weekly', 'off')),
  auto_follow boolean not null default true,
  token text not null unique,
  last_mail_at timestamptz,
  last_digest_at timestamptz,
  updated_at timestamptz not null default now()
);

-- Something that happened (a status, a response, a measure's progress …), recorded in the transaction
-- of the change. Its targets say who hears about it: followers of any (target_type, target_id).
create table qk.notification_event (
  id uuid primary key default gen_random_uuid(),
  item_type text not null,
  item_id uuid not null,
  message_key text not null,
  params jsonb not null default '{}'::jsonb,
  path text not null,
  actor_id uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index notification_event_item_idx on qk.notification_event (item_type, item_id);
create index notification_event_actor_idx on qk.notification_event (actor_id);

create table qk.notification_event_target (
  event_id uuid not null references qk.notification_event (id) on delete cascade,
  target_type text not null,
  target_id uuid not null,
  primary key (event_id, target_type, target_id)
);
create index notification_event_target_idx on qk.notification_event_target (target_type, target_id);

-- One row per event and recipient, written with the event; mailed_at is set when a mail (immediate or
-- digest) carried it, dropped_at when it will never be mailed (item hidden since, delivery off).
create table qk.notification_delivery (
  event_id uuid not null references qk.notification_event (id) on delete cascade,
  user_id uuid not null references qk.app_user (id) on delete cascade,
  mailed_at timestamptz,
  dropped_at timestamptz,
  primary key (event_id, user_id)
);
create index notification_delivery_pending_idx on qk.notification_delivery (user_id)
  where mailed_at is null and dropped_at is null;

-- Extra mail headers (List-Unsubscribe, RFC 2369/8058) the sender passes on.
alter table qk.mail_outbox add column headers jsonb;

do $$
declare t text;
begin
  foreach t in array array['measure', 'measure_area', 'measure_progress', 'measure_link', 'follow',
    'notification_setting', 'notification_event', 'notification_event_target', 'notification_delivery'] loop
    execute format('alter table qk.%I enable row level security', t);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
