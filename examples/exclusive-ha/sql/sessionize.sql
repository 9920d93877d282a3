-- Sessionise clicks: 30 minutes of inactivity closes a session.
INSERT INTO sessions
SELECT user_id, SESSION_START(ts, INTERVAL '30' MINUTE), COUNT(*)
FROM clicks
GROUP BY user_id, SESSION(ts, INTERVAL '30' MINUTE);
