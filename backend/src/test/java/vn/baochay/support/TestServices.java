package vn.baochay.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of this module runs against real PostGIS (see {@link PostgisResource}). */
@QuarkusTestResource(PostgisResource.class)
public final class TestServices {
    private TestServices() {
    }
}
