-- Content in several languages: a consultation's texts per language ({ "en": { "title": …, … } }),
-- German (the columns themselves) as the fallback.
alter table qk.consultation add column translations jsonb not null default '{}'::jsonb;
