-- Planner workspace (issue 12): the area view searches residents' map comments in German full text.
-- The idea table has its own stored vector; map comments get an expression index (no new column,
-- no new table, nothing personal).
create index if not exists contribution_body_search_idx
  on qk.contribution using gin (to_tsvector('german', body));
