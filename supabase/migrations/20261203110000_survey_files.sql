-- Files answered to a survey's file question (issue 9). The bytes live in the storage driver under
-- surveys/; qk.upload holds the key (owner_id stays null: the link to a person, where the survey is not
-- anonymous, is the response's user_id). Deleting a response, a survey or its consultation cascades
-- here, and the trigger below removes the upload row too, so the orphan clean-up deletes the file.
create table qk.survey_response_file (
  upload_id uuid primary key references qk.upload (id) on delete cascade,
  response_id uuid not null references qk.survey_response (id) on delete cascade,
  question_key text not null,
  position smallint not null check (position between 0 and 9),
  -- the name shown to organisers; anonymous surveys store a neutral name ("datei-1.jpg")
  file_name text not null check (length(file_name) between 1 and 200)
);
create index survey_response_file_response_idx on qk.survey_response_file (response_id, question_key);
alter table qk.survey_response_file enable row level security;

create function qk.survey_response_file_gone() returns trigger language plpgsql as $$
begin
  delete from qk.upload where id = old.upload_id;
  return old;
end $$;
create trigger survey_response_file_gone after delete on qk.survey_response_file
  for each row execute function qk.survey_response_file_gone();
