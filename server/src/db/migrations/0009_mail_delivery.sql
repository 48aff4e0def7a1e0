-- Delivery of the mail outbox through SMTP: a relay claims due rows (the claim moves
-- next_attempt_at forward as a lease and counts the attempt), sends them and records the outcome.
ALTER TABLE mail_outbox
  ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN last_attempt_at timestamptz,
  ADD COLUMN last_error      text,
  ADD COLUMN message_id      text;

UPDATE mail_outbox SET next_attempt_at = created_at WHERE status = 'pending';

DROP INDEX mail_outbox_pending_idx;
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC, id);
