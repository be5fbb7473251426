-- Indicator import in steps that let other requests in (embedded PGlite has one connection): the values
-- of a running import and their upward totals are written in chunks to this staging table (not read by
-- any page). One short transaction then commits the import (import run, new indicators, audit and a
-- qk.indicator_publication row); after it the staged rows are moved into qk.indicator_value in chunks
-- and the totals replaced last. A process that dies before that commit publishes nothing (staged rows
-- are removed later); one that dies after it leaves the publication row, and the next start (app or
-- CLI) finishes moving the rows and recomputes the totals: never values without their totals for good.
create table qk.indicator_value_stage (
  import_id uuid not null,
  indicator_id uuid not null,
  area_id uuid not null,
  year integer not null,
  value double precision,
  category text,
  reason text,
  derived boolean not null default false,
  created_at timestamptz not null default now()
);
create index indicator_value_stage_import_idx on qk.indicator_value_stage (import_id);
alter table qk.indicator_value_stage enable row level security;

create table qk.indicator_publication (
  import_id uuid primary key references qk.import_run (id) on delete cascade,
  -- indicators whose derived rows the publication replaces
  cleared uuid[] not null,
  -- what the staged totals were computed from (see derivedInputsToken); another value means recompute
  inputs_token text not null,
  -- renewed by every chunk; a publication without a recent heartbeat is finished by whoever starts next
  heartbeat timestamptz not null default now()
);
alter table qk.indicator_publication enable row level security;

-- Indicator names, units and descriptions per language ({ "en": { "name": …, "unit": …, "definition": … } }),
-- German (the columns themselves) as the fallback.
alter table qk.indicator add column translations jsonb not null default '{}'::jsonb;
