package vn.baochay.premises;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vn.baochay.account.SignedIn;
import vn.baochay.common.Rejection;

/**
 * The device board: fire-alarm transmitters that need attention (FAULT, SILENT, or registered and never heard
 * from) in the dispatcher's provinces, longest first; {@code ?state=ALL} lists every transmitter.
 */
@Path("/api/v1/dispatch/devices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeviceBoardResource {

    static final Set<DeviceStatus.State> NEEDING_ATTENTION =
            EnumSet.of(DeviceStatus.State.FAULT, DeviceStatus.State.SILENT, DeviceStatus.State.UNKNOWN);

    private final PremisesService premises;
    private final SignedIn signedIn;

    DeviceBoardResource(PremisesService premises, SignedIn signedIn) {
        this.premises = premises;
        this.signedIn = signedIn;
    }

    public record Board(List<DeviceBoardEntry> devices) {
    }

    @GET
    public Uni<Board> board(@QueryParam("state") String state) {
        Set<DeviceStatus.State> states;
        if (state == null || state.isBlank()) {
            states = NEEDING_ATTENTION;
        } else if ("ALL".equals(state)) {
            states = Set.of();
        } else {
            try {
                states = EnumSet.of(DeviceStatus.State.valueOf(state));
            } catch (IllegalArgumentException e) {
                throw Rejection.invalid("state", "must be ALL, UNKNOWN, NORMAL, FAULT or SILENT");
            }
        }
        return premises.board(signedIn.actor(), states).map(Board::new);
    }
}
