-- Consultation periods are whole days in Berlin. Earlier versions stored them as whole UTC days
-- (00:00:00Z / 23:59:59Z), so "bis 28.02." showed as 1 March and stayed open one to two hours
-- into the next day. Move exactly those values to the same day's start/end in Berlin.
update qk.consultation
  set ends_at = (((ends_at at time zone 'UTC')::date + time '23:59:59') at time zone 'Europe/Berlin')
  where ends_at is not null and (ends_at at time zone 'UTC')::time = time '23:59:59';

update qk.consultation
  set starts_at = (((starts_at at time zone 'UTC')::date)::timestamp at time zone 'Europe/Berlin')
  where starts_at is not null and (starts_at at time zone 'UTC')::time = time '00:00:00';
