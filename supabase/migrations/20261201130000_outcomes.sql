-- Outcomes (issue 7): what happened to residents' input. Official responses and statuses of any input,
-- addressed as (item_type, item_id) across modules; in-app notifications; a results text per consultation.

-- The current status of an input. No row: still "received" (eingegangen). consultation_id keeps the
-- rows with their consultation (deleting it deletes them) and lets lists filter without the module.
create table qk.outcome (
  item_type text not null,
  item_id uuid not null,
  consultation_id uuid not null references qk.consultation (id) on delete cascade,
  status text not null check (status in ('received', 'in_review', 'accepted', 'partly_accepted', 'not_feasible',
    'in_progress', 'implemented', 'answered')),
  updated_at timestamptz not null default now(),
  primary key (item_type, item_id)
);
create index outcome_consultation_idx on qk.outcome (consultation_id, status);

-- Every response, append-only and public (shown on the item's page). responder_name is the display
-- text staff chose ("Quartiersmanagement Altstadt"); responder_id is never shown.
create table qk.outcome_response (
  id uuid primary key default gen_random_uuid(),
  item_type text not null,
  item_id uuid not null,
  status text not null check (status in ('received', 'in_review', 'accepted', 'partly_accepted', 'not_feasible',
    'in_progress', 'implemented', 'answered')),
  previous_status text not null,
  response_text text not null default '',
  next_steps text not null default '',
  responder_name text not null,
  responder_id uuid references qk.app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (item_type, item_id) references qk.outcome (item_type, item_id) on delete cascade
);
create index outcome_response_item_idx on qk.outcome_response (item_type, item_id, created_at);
create index outcome_response_responder_idx on qk.outcome_response (responder_id);

-- Append-only: rows are never changed, except that a deleted responder's id becomes null.
create function qk.outcome_response_append_only() returns trigger language plpgsql as $$
begin
  if new.responder_id is null and old.responder_id is not null
     and (new.id, new.item_type, new.item_id, new.status, new.previous_status, new.response_text, new.next_steps,
          new.responder_name, new.created_at)
       is not distinct from
         (old.id, old.item_type, old.item_id, old.status, old.previous_status, old.response_text, old.next_steps,
          old.responder_name, old.created_at) then
    return new;
  end if;
  raise exception 'qk.outcome_response is append-only';
end $$;
create trigger outcome_response_append_only before update on qk.outcome_response
  for each row execute function qk.outcome_response_append_only();

-- In-app notifications ("Benachrichtigungen"): a message key and its params, rendered in the reader's
-- language; path is the item's page at the time of writing.
create table qk.notification (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references qk.app_user (id) on delete cascade,
  item_type text not null,
  item_id uuid not null,
  message_key text not null,
  params jsonb not null default '{}'::jsonb,
  path text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notification_user_idx on qk.notification (user_id, created_at desc);
create index notification_unread_idx on qk.notification (user_id) where read_at is null;

-- "Ergebnisse" of a consultation: what was decided, what happens next. Editable also when closed or
-- archived (closing a consultation must not freeze its results).
create table qk.consultation_result (
  consultation_id uuid primary key references qk.consultation (id) on delete cascade,
  body text not null,
  updated_by uuid references qk.app_user (id) on delete set null,
  updated_at timestamptz not null default now()
);

do $$
declare t text;
begin
  foreach t in array array['outcome', 'outcome_response', 'notification', 'consultation_result'] loop
    execute format('alter table qk.%I enable row level security', t);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
