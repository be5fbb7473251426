-- Publishing a staged indicator import moves its rows by ranges of this sequence number (an index
-- range scan per chunk) instead of deleting them chunk by chunk (each chunk then scanned past the dead
-- rows of the chunks before it: quadratic on 100,000 values). Staged rows go in one delete at the end.
alter table qk.indicator_value_stage add column seq bigint generated always as identity;
drop index qk.indicator_value_stage_import_idx;
create index indicator_value_stage_import_seq_idx on qk.indicator_value_stage (import_id, seq);
-- How far the publication got (the highest seq moved), so a resumed publication goes on from there.
alter table qk.indicator_publication add column published_seq bigint not null default 0;
