-- A survey may be tied to one area (issue 12: the planner's door-to-door survey for a quarter that
-- was hardly reached). Responses to such a survey whose respondent named no area of residence count
-- for this area (and the areas above it) in "Wer wurde erreicht"; its published results are shown in
-- that area's view. Optional: most surveys concern a whole consultation.
alter table qk.survey add column area_id uuid references qk.area (id) on delete set null;
create index survey_area_idx on qk.survey (area_id) where area_id is not null;
