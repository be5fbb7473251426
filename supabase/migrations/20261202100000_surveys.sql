-- Surveys (issue 9): one questionnaire engine (qk.questionnaire, reused by registration forms and date
-- polls later), surveys attached to consultations, responses, one-time codes and "has answered" markers.
--
-- Anonymity as LimeSurvey's "anonymized responses": a response of an anonymous survey stores no account
-- id, no code, no IP or IP hash and no exact time (answered_on is a date). Responses have uuid v4 ids and
-- no created_at or serial column, so their order says nothing. One-time codes and "has answered" markers
-- live in tables of their own that reference no response, and no response references them.

-- A questionnaire definition (src/lib/questionnaire/definition.ts), parsed with zod on every write.
create table qk.questionnaire (
  id uuid primary key default gen_random_uuid(),
  definition jsonb not null default '{"version": 1, "questions": []}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (jsonb_typeof(definition) = 'object' and jsonb_typeof(definition -> 'questions') = 'array')
);

create table qk.survey (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  questionnaire_id uuid not null references qk.questionnaire (id),
  title text not null check (length(title) between 1 and 200),
  intro text not null default '',
  -- the intro in Leichte Sprache (German)
  intro_easy text not null default '',
  -- { "en": { "title": …, "intro": … }, … }; German (the columns) is the fallback
  translations jsonb not null default '{}'::jsonb,
  -- 'anyone': one answer per browser (signed cookie, weak); 'account': one per account; 'code': one-time codes
  access_mode text not null default 'anyone' check (access_mode in ('anyone', 'account', 'code')),
  anonymous boolean not null default true,
  layout text not null default 'pages' check (layout in ('pages', 'one_question')),
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  opens_at timestamptz,
  closes_at timestamptz,
  created_by uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  is_demo boolean not null default false
);
create index survey_consultation_idx on qk.survey (consultation_id);
create index survey_created_by_idx on qk.survey (created_by);

-- One response. answers: { KEY: AnswerValue } (definition.ts). No created_at on purpose (see above).
create table qk.survey_response (
  id uuid primary key default gen_random_uuid(),
  survey_id uuid not null references qk.survey (id) on delete cascade,
  channel text not null default 'online' check (channel in ('online', 'paper', 'interview', 'workshop', 'phone')),
  -- the day of the last save (Europe/Berlin); never a time
  answered_on date not null,
  complete boolean not null default false,
  answers jsonb not null default '{}'::jsonb check (jsonb_typeof(answers) = 'object'),
  -- the page to continue on (index into the visible pages)
  page integer not null default 0 check (page >= 0),
  -- non-anonymous surveys only: the account that answered, the staff member who typed a paper answer in
  user_id uuid references qk.app_user (id) on delete cascade,
  entered_by uuid references qk.app_user (id) on delete set null,
  -- SHA-256 of the private resume link's token; cleared when an anonymous response is completed
  resume_hash text unique,
  is_demo boolean not null default false
);
create index survey_response_survey_idx on qk.survey_response (survey_id, complete);
create unique index survey_response_user_idx on qk.survey_response (survey_id, user_id) where user_id is not null;
create index survey_response_entered_by_idx on qk.survey_response (entered_by);

-- The areas (every level, current versions at write time) of a response's area and map answers.
create table qk.survey_response_area (
  response_id uuid not null references qk.survey_response (id) on delete cascade,
  question_key text not null,
  area_id uuid not null references qk.area (id),
  primary key (response_id, question_key, area_id)
);
create index survey_response_area_area_idx on qk.survey_response_area (area_id);

-- The database itself refuses identifying columns on responses of anonymous surveys.
create function qk.survey_response_anonymity() returns trigger language plpgsql as $$
begin
  if (new.user_id is not null or new.entered_by is not null)
     and (select anonymous from qk.survey where id = new.survey_id) then
    raise exception 'qk.survey_response: an anonymous survey stores no account';
  end if;
  return new;
end $$;
create trigger survey_response_anonymity before insert or update on qk.survey_response
  for each row execute function qk.survey_response_anonymity();

-- One-time codes: HMAC of the code (the plain codes are shown once, to print). No response id, no
-- time of use: neither table can be joined to the other.
create table qk.survey_code (
  survey_id uuid not null references qk.survey (id) on delete cascade,
  code_hash text not null,
  used boolean not null default false,
  primary key (survey_id, code_hash)
);

-- "Has answered" (started) markers: HMAC of the account id or of the browser token, per survey, so that
-- one account / one browser answers once also where the response stores no account.
create table qk.survey_participant (
  survey_id uuid not null references qk.survey (id) on delete cascade,
  marker_hash text not null,
  primary key (survey_id, marker_hash)
);
