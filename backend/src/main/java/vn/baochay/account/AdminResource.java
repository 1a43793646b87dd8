package vn.baochay.account;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import vn.baochay.common.PlainText;

/**
 * Accounts, for administrators: create, change, deactivate. A change of role or provinces applies
 * within a minute to every call and live socket of the account; deactivating it, or a new password,
 * ends its sessions.
 */
@Path("/api/v1/admin/accounts")
@RolesAllowed("ADMIN")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final AdminService admin;
    private final SignedIn signedIn;

    AdminResource(AdminService admin, SignedIn signedIn) {
        this.admin = admin;
        this.signedIn = signedIn;
    }

    public record NewAccount(@NotBlank @Pattern(regexp = "^[a-z0-9._-]{3,40}$") String username,
                             @NotBlank @Size(max = 100) @PlainText String displayName,
                             @NotNull @Size(min = 12, max = 200) String password,
                             @NotNull Role role,
                             @NotNull @Size(max = 34) List<@NotBlank @Size(max = 60) String> provinces) {
    }

    public record AccountChange(@Size(min = 1, max = 100) @PlainText String displayName,
                                @Size(min = 12, max = 200) String password,
                                Role role,
                                @Size(max = 34) List<@NotBlank @Size(max = 60) String> provinces,
                                Boolean active) {
    }

    @GET
    public Uni<List<AdminService.AccountView>> list() {
        return admin.list();
    }

    @POST
    public Uni<Response> create(@NotNull @Valid NewAccount account) {
        return admin.create(account, signedIn.actor())
                .map(view -> Response.created(URI.create("/api/v1/admin/accounts/" + view.username()))
                        .entity(view).build());
    }

    @PATCH
    @Path("/{username}")
    public Uni<AdminService.AccountView> change(@PathParam("username") String username,
                                                @NotNull @Valid AccountChange change) {
        return admin.change(username, change, signedIn.actor());
    }
}
