-- matscreen campaign store, version 2: why a campaign failed (stage 'failed'), NULL otherwise.

ALTER TABLE campaigns ADD COLUMN failure_reason VARCHAR(2000);
