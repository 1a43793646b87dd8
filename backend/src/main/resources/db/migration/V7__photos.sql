-- Photos of a report. What is stored and served is re-encoded with no metadata at all; a GPS
-- position and capture time found in the upload are kept here, for dispatchers only.
CREATE TABLE photos (
    id              uuid PRIMARY KEY,
    report_id       uuid        NOT NULL REFERENCES reports (id),
    client_photo_id uuid        NOT NULL,
    -- SHA-256 of the uploaded bytes: the same clientPhotoId with the same bytes is a retry.
    upload_sha256   bytea       NOT NULL,
    format          text        NOT NULL CHECK (format IN ('JPEG', 'PNG', 'WEBP')),
    upload_bytes    integer     NOT NULL CHECK (upload_bytes > 0),
    width           integer     NOT NULL CHECK (width > 0),
    height          integer     NOT NULL CHECK (height > 0),
    display_bytes   integer     NOT NULL,
    thumb_bytes     integer     NOT NULL,
    taken_at        timestamptz,
    exif_lat        double precision CHECK (exif_lat BETWEEN -90 AND 90),
    exif_lon        double precision CHECK (exif_lon BETWEEN -180 AND 180),
    received_at     timestamptz NOT NULL,
    UNIQUE (report_id, client_photo_id)
);
CREATE INDEX photos_report ON photos (report_id, received_at);

-- The images themselves, apart from everything incident reads touch.
CREATE TABLE photo_blobs (
    photo_id     uuid  NOT NULL REFERENCES photos (id),
    variant      text  NOT NULL CHECK (variant IN ('display', 'thumb', 'original')),
    content_type text  NOT NULL,
    etag         text  NOT NULL,
    data         bytea NOT NULL,
    PRIMARY KEY (photo_id, variant)
);
-- Images do not compress: keep them out of line without trying.
ALTER TABLE photo_blobs ALTER COLUMN data SET STORAGE EXTERNAL;

-- Resumable uploads (tus 1.0): each PATCH is one chunk; the photo is made when the last byte arrives.
CREATE TABLE photo_uploads (
    id              uuid PRIMARY KEY,
    report_id       uuid        NOT NULL REFERENCES reports (id),
    client_photo_id uuid,
    upload_length   integer     NOT NULL CHECK (upload_length > 0),
    upload_offset   integer     NOT NULL DEFAULT 0 CHECK (upload_offset BETWEEN 0 AND upload_length),
    -- Set when the last byte has arrived and the photo is stored; the chunks are then deleted.
    photo_id        uuid REFERENCES photos (id),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX photo_uploads_updated ON photo_uploads (updated_at);

CREATE TABLE photo_upload_chunks (
    upload_id    uuid    NOT NULL REFERENCES photo_uploads (id) ON DELETE CASCADE,
    start_offset integer NOT NULL,
    data         bytea   NOT NULL,
    PRIMARY KEY (upload_id, start_offset)
);
ALTER TABLE photo_upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
