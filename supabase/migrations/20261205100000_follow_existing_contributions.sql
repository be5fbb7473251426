-- Responses to map contributions now reach their authors and supporters through follows and each
-- person's mail setting (weekly digest by default), as for ideas. New contributions and supports
-- follow automatically, and this gives the ones made before the same follows, so their authors and
-- supporters keep hearing about responses. Not for people who switched automatic following off.
-- The unsubscribe token: 32 strong random bytes (two v4 UUIDs' worth), base64url without padding.
insert into qk.follow (user_id, target_type, target_id, auto, token, created_at)
select p.user_id, 'contribution', p.contribution_id, true,
       translate(rtrim(encode(decode(replace(gen_random_uuid()::text, '-', '') ||
                                     replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '='), '+/', '-_'),
       p.since
from (
  select c.author_id as user_id, c.id as contribution_id, c.created_at as since
  from qk.contribution c
  where c.author_id is not null and c.channel = 'online' and c.parent_id is null
  union
  select s.user_id, s.contribution_id, s.created_at
  from qk.contribution_support s
) p
where not exists (
  select 1 from qk.notification_setting n where n.user_id = p.user_id and not n.auto_follow
)
on conflict (user_id, target_type, target_id) do nothing;
