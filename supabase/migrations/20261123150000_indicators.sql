-- Sozialraummonitoring: indicators, their values per area version and year, import runs,
-- and the planner's selection for the composite index.

create table qk.import_run (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('areas', 'indicators')),
  file_name text not null,
  summary jsonb not null default '{}'::jsonb,
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now()
);

create table qk.indicator (
  id uuid primary key default gen_random_uuid(),
  key text not null unique,                 -- e.g. 'K01' or 'kinderarmut'; stable, used in URLs and the API
  name text not null,
  definition text not null default '',      -- short definition in plain language
  unit text not null default '',            -- '%', 'Personen', 'je 1.000 Einwohner/innen'
  source text not null default '',
  as_of text not null default '',           -- "Stand" as the source states it
  domain text not null check (domain in ('basisdaten', 'oekonomische_situation', 'erziehung_bildung', 'gesundheit', 'wohnen_umwelt')),
  polarity text not null default 'neutral' check (polarity in ('higher_is_better', 'higher_is_worse', 'neutral')),
  visibility text not null default 'internal' check (visibility in ('public', 'internal')),
  value_type text not null default 'numeric' check (value_type in ('numeric', 'categorical')),
  -- How parent areas get values: counts are summed; rates are recomputed from summed numerator and
  -- denominator; 'none' (e.g. z-values, class labels) is never aggregated.
  aggregation text not null default 'none' check (aggregation in ('sum', 'rate', 'none')),
  numerator_id uuid references qk.indicator (id) on delete set null,
  denominator_id uuid references qk.indicator (id) on delete set null,
  scale double precision not null default 100,   -- rate = numerator / denominator × scale
  categories jsonb,                               -- ordered labels of a categorical indicator
  in_composite_index boolean not null default false,
  sort_order integer not null default 0,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((aggregation = 'rate') = (numerator_id is not null and denominator_id is not null))
);

-- One value per indicator, area version and year. `reason` keeps why a value is missing
-- (placeholders of official statistics); `derived` marks values computed by aggregation upward.
create table qk.indicator_value (
  indicator_id uuid not null references qk.indicator (id) on delete cascade,
  area_id uuid not null references qk.area (id) on delete cascade,
  year integer not null check (year between 1900 and 2200),
  value double precision,
  category text,
  reason text check (reason in ('missing', 'unknown_or_secret', 'not_applicable', 'too_uncertain', 'not_yet_available')),
  derived boolean not null default false,
  import_id uuid references qk.import_run (id) on delete set null,
  primary key (indicator_id, area_id, year)
);
create index indicator_value_year_idx on qk.indicator_value (indicator_id, year);
create index indicator_value_area_idx on qk.indicator_value (area_id);

alter table qk.import_run enable row level security;
alter table qk.indicator enable row level security;
alter table qk.indicator_value enable row level security;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
