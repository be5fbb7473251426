-- Published survey results (issue 9): publishing is a deliberate step. An organiser chooses the
-- questions and the area levels of the breakdowns; only those appear on the consultation page, on the
-- area profiles and in the open-data API, always with small-number protection applied at read time.
create table qk.survey_publication (
  survey_id uuid primary key references qk.survey (id) on delete cascade,
  -- question keys, in the definition's order
  questions jsonb not null default '[]'::jsonb check (jsonb_typeof(questions) = 'array'),
  -- area level keys the chosen questions are broken down by (may be empty)
  breakdown_levels jsonb not null default '[]'::jsonb check (jsonb_typeof(breakdown_levels) = 'array'),
  -- also publish responses per area and per 1,000 residents
  reach boolean not null default true,
  published_at timestamptz not null default now(),
  published_by uuid references qk.app_user (id) on delete set null
);
create index survey_publication_published_by_idx on qk.survey_publication (published_by);
