-- Planner reports (issue 12): saved report definitions (areas, indicators, consultations, themes,
-- options) that can be re-run on current data, with the figures of the last run kept for "what changed
-- since"; and municipalities' own DOCX templates with placeholders.

create table qk.report_template (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  file_name text not null,
  content bytea not null,
  byte_size integer not null check (byte_size > 0),
  uploaded_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index report_template_uploaded_by_idx on qk.report_template (uploaded_by);

create table qk.report_definition (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 200),
  -- current area rows (ids) and the keys they had when chosen (the keys survive boundary changes)
  area_ids uuid[] not null default '{}'::uuid[],
  area_keys text[] not null default '{}'::text[],
  indicator_keys text[] not null default '{}'::text[],
  consultation_ids uuid[] not null default '{}'::uuid[],
  theme_ids uuid[] not null default '{}'::uuid[],
  -- { language, sections: {...}, templateId }
  options jsonb not null default '{}'::jsonb check (jsonb_typeof(options) = 'object'),
  owner_id uuid references qk.app_user (id) on delete set null,
  template_id uuid references qk.report_template (id) on delete set null,
  -- the figures of the last run: { "<figure key>": number | null } (suppressed = null) and when
  last_run_at timestamptz,
  last_run_figures jsonb,
  previous_run_at timestamptz,
  previous_run_figures jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index report_definition_owner_idx on qk.report_definition (owner_id);

alter table qk.report_template enable row level security;
alter table qk.report_definition enable row level security;
