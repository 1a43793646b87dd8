package vn.baochay.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against real PostGIS (see {@link PostgisResource}),
 * with the Firebase Admin SDK sending to a stand-in of FCM ({@link FakeFcmResource}) and a real MQTT broker
 * ({@link MosquittoResource}) for the alarm transmitters' MQTT input.
 */
@QuarkusTestResource(PostgisResource.class)
@QuarkusTestResource(FakeFcmResource.class)
@QuarkusTestResource(MosquittoResource.class)
public final class TestServices {
    private TestServices() {
    }
}
