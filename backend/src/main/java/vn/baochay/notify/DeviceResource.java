package vn.baochay.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import vn.baochay.common.Rejection;
import vn.baochay.common.ClientAddress;
import vn.baochay.common.RequestParams;

/** A phone's registration for push notifications; changed and removed with its secret (Bearer). */
@Path("/api/v1/devices")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DeviceService devices;
    private final ClientAddress addresses;

    DeviceResource(DeviceService devices, ClientAddress addresses) {
        this.devices = devices;
        this.addresses = addresses;
    }

    public record NewDevice(@NotBlank @Size(max = 4096) String fcmToken, @NotNull Device.Platform platform,
                            @Pattern(regexp = "vi|en", message = "must be vi or en") String language) {
    }

    public record DeviceUpdate(@Size(min = 1, max = 4096) String fcmToken,
                               @Pattern(regexp = "vi|en", message = "must be vi or en") String language) {
    }

    @POST
    public Uni<Response> register(@NotNull @Valid NewDevice device, @Context HttpServerRequest request) {
        return devices.register(device.fcmToken().strip(), device.platform(), device.language(), addresses.of(request))
                .map(registered -> Response.created(URI.create("/api/v1/devices/" + registered.deviceId()))
                        .entity(registered).build());
    }

    @PUT
    @Path("/{deviceId}")
    public Uni<Device> update(@PathParam("deviceId") String deviceId,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @NotNull @Valid DeviceUpdate update) {
        if (update.fcmToken() == null && update.language() == null) {
            throw Rejection.invalid("fcmToken", "or language must be given");
        }
        return devices.update(RequestParams.uuid("deviceId", deviceId), authorization,
                update.fcmToken() == null ? null : update.fcmToken().strip(), update.language());
    }

    public record NewLocation(Double lat, Double lon) {
    }

    /** Opt-in: the phone's coarse position, so that area alerts reach it; forgotten after 24 hours. */
    @PUT
    @Path("/{deviceId}/location")
    public Uni<Device.Location> putLocation(@PathParam("deviceId") String deviceId,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @NotNull @Valid NewLocation location) {
        double lat = RequestParams.coordinate("lat", location.lat() == null ? null : location.lat().toString(), 90);
        double lon = RequestParams.coordinate("lon", location.lon() == null ? null : location.lon().toString(), 180);
        return devices.putLocation(RequestParams.uuid("deviceId", deviceId), authorization, lat, lon);
    }

    @DELETE
    @Path("/{deviceId}/location")
    public Uni<Response> forgetLocation(@PathParam("deviceId") String deviceId,
                                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return devices.forgetLocation(RequestParams.uuid("deviceId", deviceId), authorization)
                .replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/{deviceId}")
    public Uni<Response> unregister(@PathParam("deviceId") String deviceId,
                                    @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return devices.unregister(RequestParams.uuid("deviceId", deviceId), authorization)
                .replaceWith(Response.noContent().build());
    }
}
