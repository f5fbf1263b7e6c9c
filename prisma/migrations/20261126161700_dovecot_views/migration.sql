-- Address and type of a mailbox never change once created (MSSanté rule: the address is the
-- key in the national directory). Enforced here so no code path can break it.
CREATE FUNCTION mailbox_identity_immutable() RETURNS trigger AS $$
BEGIN
  IF NEW.address IS DISTINCT FROM OLD.address OR NEW.type IS DISTINCT FROM OLD.type THEN
    RAISE EXCEPTION 'mailbox address and type are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER mailbox_identity_immutable BEFORE UPDATE ON "mailbox"
  FOR EACH ROW EXECUTE FUNCTION mailbox_identity_immutable();

ALTER TABLE "mailbox" ADD CONSTRAINT mailbox_address_lower CHECK (address = lower(address));
ALTER TABLE "domain" ADD CONSTRAINT domain_name_lower CHECK (name = lower(name));

-- What Dovecot sees. Only active mailboxes exist for it: a suspended or closed mailbox
-- neither logs in nor receives (the gateway refuses it first with a precise reply).
CREATE VIEW dovecot_userdb AS
  SELECT m.address AS "user", '*:bytes=' || m."quotaBytes" AS quota_rule
  FROM "mailbox" m
  WHERE m.status = 'active';

-- Direct logins (thick clients) will use per-device app passwords; until they exist the
-- password is a value no hash matches, so only the master user (webmail, worker) logs in.
CREATE VIEW dovecot_passdb AS
  SELECT m.address AS "user", '{CRYPT}!'::text AS password
  FROM "mailbox" m
  WHERE m.status = 'active';
