-- Themes (issue 12, planner workspace): planners and a consultation's quarter managers group residents'
-- input into themes, write a short synthesis per theme and count the themes per area. Internal to staff:
-- nothing here is shown on public pages.
--
-- Items are addressed like moderation does, by (item_type, item_id):
--   'contribution'  a map comment or reply (qk.contribution.id)
--   'idea'          an idea (qk.idea.id)
--   'idea_comment'  a comment on an idea (qk.idea_comment.id)
--   'survey_answer' a free-text answer VALUE: item_id is the SHA-256 of survey id, question key and text
--                   (qk.theme_item below). No response id is stored or shown, so a tag never links the
--                   free texts of one response together or to the person who gave them; identical
--                   answers to the same question share a tag.

-- consultation_id null: a city-wide theme (planners); else a theme of one consultation.
create table qk.theme (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid references qk.consultation (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  synthesis text not null default '' check (length(synthesis) <= 10000),
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  is_demo boolean not null default false
);
create unique index theme_name_idx on qk.theme (coalesce(consultation_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
create index theme_created_by_idx on qk.theme (created_by);

-- consultation_id: the consultation the item belongs to (a city-wide theme gathers items of many).
create table qk.theme_tag (
  theme_id uuid not null references qk.theme (id) on delete cascade,
  item_type text not null check (item_type in ('contribution', 'idea', 'idea_comment', 'survey_answer')),
  item_id text not null,
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  tagged_by uuid references qk.app_user (id) on delete set null,
  tagged_at timestamptz not null default now(),
  primary key (theme_id, item_type, item_id)
);
create index theme_tag_item_idx on qk.theme_tag (item_type, item_id);
create index theme_tag_consultation_idx on qk.theme_tag (consultation_id);
create index theme_tag_tagged_by_idx on qk.theme_tag (tagged_by);

alter table qk.theme enable row level security;
alter table qk.theme_tag enable row level security;

-- Every taggable input as one row per unit of input: item_type, item_id, the consultation, its text,
-- whether it may be quoted (published, or a completed survey response), its channel and day.
-- unit_id counts units (a survey answer value given in 5 responses counts 5); it is used only inside
-- SQL (count distinct) and never selected by the application.
create view qk.theme_item as
  select 'contribution'::text as item_type, c.id::text as item_id, c.id::text as unit_id,
         c.consultation_id, c.body as text, c.status = 'published' as quotable,
         c.channel, c.created_at::date as day
    from qk.contribution c
   where c.status <> 'deleted'
  union all
  select 'idea', i.id::text, i.id::text, i.consultation_id, i.title || E'\n' || i.body,
         i.status = 'published', 'online', i.created_at::date
    from qk.idea i
   where i.status <> 'deleted'
  union all
  select 'idea_comment', ic.id::text, ic.id::text, i.consultation_id, ic.body,
         ic.status = 'published' and i.status = 'published', 'online', ic.created_at::date
    from qk.idea_comment ic join qk.idea i on i.id = ic.idea_id
   where ic.status <> 'deleted' and i.status <> 'deleted'
  union all
  select 'survey_answer',
         encode(sha256(convert_to(r.survey_id::text || ':' || a.key || ':' || (a.value ->> 'text'), 'UTF8')), 'hex'),
         r.id::text, s.consultation_id, a.value ->> 'text', true, r.channel, null::date
    from qk.survey_response r
    join qk.survey s on s.id = r.survey_id
    cross join lateral jsonb_each(r.answers) a
   where r.complete
     and jsonb_typeof(a.value) = 'object'
     and a.value ->> 'type' in ('short_text', 'long_text')
     and length(btrim(coalesce(a.value ->> 'text', ''))) > 0;

-- The areas (every level, the versions assigned at write time) of each unit of input.
-- Survey answers: the areas of the response's area and map answers.
create view qk.theme_item_area as
  select 'contribution'::text as item_type, ca.contribution_id::text as item_id,
         ca.contribution_id::text as unit_id, ca.area_id
    from qk.contribution_area ca
  union all
  select 'idea', ia.idea_id::text, ia.idea_id::text, ia.area_id from qk.idea_area ia
  union all
  select 'idea_comment', ic.id::text, ic.id::text, ia.area_id
    from qk.idea_comment ic join qk.idea_area ia on ia.idea_id = ic.idea_id
  union all
  select distinct 'survey_answer',
         encode(sha256(convert_to(r.survey_id::text || ':' || a.key || ':' || (a.value ->> 'text'), 'UTF8')), 'hex'),
         r.id::text, sra.area_id
    from qk.survey_response r
    join qk.survey_response_area sra on sra.response_id = r.id
    cross join lateral jsonb_each(r.answers) a
   where r.complete
     and jsonb_typeof(a.value) = 'object'
     and a.value ->> 'type' in ('short_text', 'long_text')
     and length(btrim(coalesce(a.value ->> 'text', ''))) > 0;

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on qk.theme, qk.theme_tag, qk.theme_item, qk.theme_item_area from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on qk.theme, qk.theme_tag, qk.theme_item, qk.theme_item_area from authenticated';
  end if;
end $$;
