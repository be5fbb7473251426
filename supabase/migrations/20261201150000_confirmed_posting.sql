-- A consultation may require a confirmed e-mail address before someone posts, replies or supports.
alter table qk.consultation add column require_confirmed_email boolean not null default false;
