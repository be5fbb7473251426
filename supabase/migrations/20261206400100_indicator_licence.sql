-- Each indicator names the licence of its data beside its source (a report's sources section and
-- methods annex list them; '' = the platform's licence applies). An area level names where its
-- boundaries come from and under which licence (the report's map and area figures).
alter table qk.indicator add column licence text not null default '' check (length(licence) <= 200);
alter table qk.area_level add column geometry_source text not null default '' check (length(geometry_source) <= 300);
alter table qk.area_level add column geometry_licence text not null default '' check (length(geometry_licence) <= 200);
