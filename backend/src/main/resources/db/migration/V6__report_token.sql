-- The reporter's capability and the phone's secrets at rest (see report/ReportToken.java).
-- A clientReportId is kept only as SHA-256('baochay:client-report:' || id); the report token only as
-- its hash, plus sealed under a key derived from the clientReportId, so that a retry of the report
-- receives the identical answer while a copy of the database cannot recover either secret.
ALTER TABLE report_receipts ADD COLUMN client_report_key bytea;
ALTER TABLE report_receipts ADD COLUMN token_hash bytea;
ALTER TABLE report_receipts ADD COLUMN token_sealed bytea;
UPDATE report_receipts
SET client_report_key = sha256(convert_to('baochay:client-report:' || client_report_id::text, 'UTF8')),
    response = response - 'clientReportId';
ALTER TABLE report_receipts DROP CONSTRAINT report_receipts_pkey;
ALTER TABLE report_receipts DROP COLUMN client_report_id;
ALTER TABLE report_receipts ALTER COLUMN client_report_key SET NOT NULL;
ALTER TABLE report_receipts ADD PRIMARY KEY (client_report_key);
CREATE UNIQUE INDEX report_receipts_report ON report_receipts (report_id);

ALTER TABLE reports ADD COLUMN client_report_key bytea;
UPDATE reports SET client_report_key = sha256(convert_to('baochay:client-report:' || client_report_id::text, 'UTF8'));
ALTER TABLE reports ALTER COLUMN client_report_key SET NOT NULL;
ALTER TABLE reports DROP COLUMN client_report_id;
ALTER TABLE reports ADD CONSTRAINT reports_client_report_key UNIQUE (client_report_key);
