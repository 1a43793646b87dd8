package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Image bytes in their own table ({@code photo_blobs}), which incident reads never touch. Writes
 * join the caller's transaction; reads go through the pool and fetch one image.
 */
@ApplicationScoped
class PhotoBlobRepository implements PhotoStore {

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;

    PhotoBlobRepository(Mutiny.SessionFactory sessions, Pool pool) {
        this.sessions = sessions;
        this.pool = pool;
    }

    @Override
    public Uni<Void> put(UUID photoId, Variant variant, Blob blob) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO photo_blobs (photo_id, variant, content_type, etag, data)
                        VALUES (:photoId, :variant, :contentType, :etag, :data)
                        """)
                .setParameter("photoId", photoId)
                .setParameter("variant", variant.column())
                .setParameter("contentType", blob.contentType())
                .setParameter("etag", blob.etag())
                .setParameter("data", blob.data())
                .executeUpdate()
                .replaceWithVoid());
    }

    @Override
    public Uni<Blob> get(UUID photoId, Variant variant) {
        return pool.preparedQuery("SELECT data, content_type, etag FROM photo_blobs WHERE photo_id = $1 AND variant = $2")
                .execute(Tuple.of(photoId, variant.column()))
                .map(rows -> {
                    var found = rows.iterator();
                    if (!found.hasNext()) {
                        return null;
                    }
                    Row row = found.next();
                    return new Blob(row.getBuffer(0).getBytes(), row.getString(1), row.getString(2));
                });
    }

    @Override
    public Uni<String> etag(UUID photoId, Variant variant) {
        return pool.preparedQuery("SELECT etag FROM photo_blobs WHERE photo_id = $1 AND variant = $2")
                .execute(Tuple.of(photoId, variant.column()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }
}
