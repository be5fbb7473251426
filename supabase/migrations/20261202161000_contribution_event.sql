-- Results of a workshop (issue 11): contributions entered from an event's documentation (channel
-- 'workshop') name the event, so the event page lists "Ergebnisse dieser Werkstatt". Deleting the
-- event keeps the contributions (the link goes).
alter table qk.contribution add column event_id uuid references qk.event (id) on delete set null;
create index contribution_event_idx on qk.contribution (event_id) where event_id is not null;
