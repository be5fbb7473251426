-- Workshops and events (issue 11): events that belong to a consultation or stand alone for areas,
-- their dates (occurrences), registrations with a waiting list, and date polls.
--
-- Data model: consultation_id is nullable. An event of a consultation inherits its areas for
-- permissions and listing; a stand-alone event names its own areas in event_area (at least one, checked
-- by the command). Both kinds can also carry event_area rows, so "per area" lists find both.

create table qk.event (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid references qk.consultation (id) on delete cascade,
  title text not null,
  event_type text not null check (event_type in ('planungswerkstatt', 'stadtteilkonferenz', 'sozialraumkonferenz',
    'world_cafe', 'zukunftswerkstatt', 'stadtteilspaziergang', 'infostand', 'other')),
  description text not null default '',
  agenda text not null default '',
  address text,
  location jsonb,                       -- GeoJSON Point (WGS84) or null
  online_url text,
  organiser text not null default '',
  co_hosts text not null default '',
  target_group text not null default '',
  step_free boolean not null default false,
  hearing_loop boolean not null default false,
  sign_language boolean not null default false,
  interpreters boolean not null default false,
  interpreter_languages text[] not null default '{}'::text[],
  childcare boolean not null default false,
  capacity integer check (capacity is null or capacity >= 1),   -- per occurrence; null: no registration limit
  registration_enabled boolean not null default true,
  registration_deadline_hours integer not null default 0 check (registration_deadline_hours >= 0),
  questions jsonb,                      -- QuestionnaireDefinition (questionnaire engine), or null
  recurrence jsonb,                     -- the rule the occurrences were generated from, or null
  status text not null default 'published' check (status in ('draft', 'published', 'cancelled')),
  results_notified_at timestamptz,
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  is_demo boolean not null default false
);
create index event_consultation_idx on qk.event (consultation_id);

create table qk.event_area (
  event_id uuid not null references qk.event (id) on delete cascade,
  area_id uuid not null references qk.area (id),
  primary key (event_id, area_id)
);
create index event_area_area_idx on qk.event_area (area_id);

-- One date of an event. Cancelled and moved dates stay (shown as such); sequence is the iCalendar SEQUENCE.
create table qk.event_occurrence (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references qk.event (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'moved')),
  moved_from timestamptz,               -- the former start when moved
  sequence integer not null default 0,
  registered_count integer not null default 0,
  reminder_sent_at timestamptz,
  retention_done_at timestamptz,
  attendance_count integer,             -- after the event: how many came (no-shows = registered - attended)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index event_occurrence_event_idx on qk.event_occurrence (event_id, starts_at);
create index event_occurrence_starts_idx on qk.event_occurrence (starts_at);

-- A registration. status 'registered' counts against capacity; 'waiting' in waiting_position order.
-- Personal fields (name, email, phone, answers) are cleared by the retention job (anonymised_at).
create table qk.event_registration (
  id uuid primary key default gen_random_uuid(),
  occurrence_id uuid not null references qk.event_occurrence (id) on delete cascade,
  user_id uuid references qk.app_user (id) on delete set null,
  name text,
  email text,
  locale text not null default 'de',
  answers jsonb not null default '{}'::jsonb,   -- Answers (questionnaire engine)
  area_id uuid references qk.area (id),          -- area of residence, when asked (kept after anonymising)
  status text not null default 'registered' check (status in ('registered', 'waiting', 'cancelled')),
  waiting_position integer,
  channel text not null default 'online' check (channel in ('online', 'phone', 'in_person')),
  cancel_token_hash text unique,
  notify_results boolean not null default false,
  attended boolean,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  anonymised_at timestamptz,
  entered_by uuid references qk.app_user (id) on delete set null
);
create index event_registration_occ_idx on qk.event_registration (occurrence_id, status, waiting_position);
create index event_registration_user_idx on qk.event_registration (user_id);

-- Minutes and photos attached after the event.
create table qk.event_document (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references qk.event (id) on delete cascade,
  upload_id uuid not null references qk.upload (id) on delete cascade,
  kind text not null check (kind in ('minutes', 'photo')),
  title text not null,
  photo_consent boolean not null default false,
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);

-- Date finding: slots proposed by the organiser, answered without an account.
create table qk.date_poll (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references qk.event (id) on delete cascade,
  public_token text not null unique,    -- the invitation link (/termine/umfrage/<token>)
  status text not null default 'open' check (status in ('open', 'fixed', 'closed')),
  fixed_slot_id uuid,
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);

create table qk.date_poll_slot (
  id uuid primary key default gen_random_uuid(),
  poll_id uuid not null references qk.date_poll (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  cap integer check (cap is null or cap >= 1),   -- at most this many "yes"
  check (ends_at > starts_at)
);
create index date_poll_slot_poll_idx on qk.date_poll_slot (poll_id, starts_at);

create table qk.date_poll_response (
  id uuid primary key default gen_random_uuid(),
  poll_id uuid not null references qk.date_poll (id) on delete cascade,
  user_id uuid references qk.app_user (id) on delete set null,
  name text not null,
  email text,
  locale text not null default 'de',
  edit_token_hash text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table qk.date_poll_answer (
  response_id uuid not null references qk.date_poll_response (id) on delete cascade,
  slot_id uuid not null references qk.date_poll_slot (id) on delete cascade,
  answer text not null check (answer in ('yes', 'maybe', 'no')),
  primary key (response_id, slot_id)
);
