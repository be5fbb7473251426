-- Publishing a staged indicator import moves its rows by ranges of this sequence number: each chunk an
-- index range scan after the last one moved (the old "limit n" without an order scanned past the dead
-- rows of every chunk before it, quadratic on 100,000 values).
alter table qk.indicator_value_stage add column seq bigint generated always as identity;
drop index qk.indicator_value_stage_import_idx;
create index indicator_value_stage_import_seq_idx on qk.indicator_value_stage (import_id, seq);
-- How far the publication got (the highest seq moved), so a resumed publication goes on from there.
alter table qk.indicator_publication add column published_seq bigint not null default 0;
