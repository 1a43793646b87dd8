package vn.baochay.account;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.baochay.common.ClientAddress;

/** Log-in, refresh, log-out and live tickets of dispatchers (see the README's dispatcher API). */
@Path("/api/v1/dispatch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    private final AccountService accounts;
    private final SignedIn signedIn;
    private final ClientAddress addresses;

    LoginResource(AccountService accounts, SignedIn signedIn, ClientAddress addresses) {
        this.accounts = accounts;
        this.signedIn = signedIn;
        this.addresses = addresses;
    }

    public record Credentials(@NotBlank @Size(max = 40) String username, @NotBlank @Size(max = 200) String password) {
    }

    public record Refresh(@NotBlank @Size(max = 100) String refreshToken) {
    }

    @POST
    @Path("/login")
    public Uni<AccountService.Login> login(@NotNull @Valid Credentials credentials, @Context HttpServerRequest request) {
        return accounts.login(credentials.username(), credentials.password(), addresses.of(request));
    }

    /** The next access token and refresh token; the refresh token sent is used up. */
    @POST
    @Path("/refresh")
    public Uni<AccountService.Login> refresh(@NotNull @Valid Refresh refresh, @Context HttpServerRequest request) {
        return accounts.refresh(refresh.refreshToken(), addresses.of(request));
    }

    /**
     * Ends the session a refresh token belongs to: its tokens stop working and its live sockets close.
     * 204 whatever the token (an unknown one ends nothing, and says so to nobody).
     */
    @POST
    @Path("/logout")
    public Uni<Response> logout(@NotNull @Valid Refresh refresh, @Context HttpServerRequest request) {
        return accounts.logout(refresh.refreshToken(), addresses.of(request)).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/live-ticket")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public AccountService.LiveTicket liveTicket() {
        return accounts.liveTicket(signedIn);
    }
}
