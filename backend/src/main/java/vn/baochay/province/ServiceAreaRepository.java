package vn.baochay.province;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class ServiceAreaRepository {

    private final Pool pool;

    ServiceAreaRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Boolean> covers(double lat, double lon) {
        return pool.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM service_area
                                       WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($2, $1), 4326)))
                        """)
                .execute(Tuple.of(lat, lon))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
