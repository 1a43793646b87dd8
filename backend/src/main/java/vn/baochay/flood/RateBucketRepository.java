package vn.baochay.flood;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;

/** Token buckets ({@code rate_buckets}, taken atomically by {@code take_token}) and the source-hash key. */
@ApplicationScoped
class RateBucketRepository {

    private final Pool pool;

    RateBucketRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes a token: 0 when taken, else the seconds until one would be there. One statement, autocommitted. */
    Uni<Double> take(String key, double capacity, double perSecond) {
        return pool.preparedQuery("SELECT take_token($1, $2, $3)")
                .execute(Tuple.of(key, capacity, perSecond))
                .map(rows -> rows.iterator().next().getDouble(0));
    }

    Uni<Integer> purgeIdle(Duration idle) {
        return pool.preparedQuery("DELETE FROM rate_buckets WHERE updated_at < clock_timestamp() - make_interval(secs => $1)")
                .execute(Tuple.of((double) idle.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    /** The named key, made (randomly, once, by whichever instance comes first) if it does not exist yet. */
    Uni<byte[]> serverKey(String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return pool.preparedQuery("""
                        INSERT INTO server_keys (name, key, created_at) VALUES ($1, $2, now())
                        ON CONFLICT (name) DO NOTHING
                        """)
                .execute(Tuple.of(name, io.vertx.core.buffer.Buffer.buffer(fresh)))
                .chain(() -> pool.preparedQuery("SELECT key FROM server_keys WHERE name = $1").execute(Tuple.of(name)))
                .map(rows -> rows.iterator().next().getBuffer(0).getBytes());
    }
}
