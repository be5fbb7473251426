-- When a date poll ended (fixed or closed), so that its answers are deleted six months after the poll
-- ends, as the privacy page says (not six months after it was created). Polls that ended before this
-- column existed get their creation time: their answers go no later than they did before.
alter table qk.date_poll add column closed_at timestamptz;
update qk.date_poll set closed_at = created_at where status <> 'open';
alter table qk.date_poll
  add constraint date_poll_closed_at_check check ((status = 'open') = (closed_at is null));
