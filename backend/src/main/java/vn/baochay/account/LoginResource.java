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
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/api/v1/dispatch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    private final AccountService accounts;
    private final JsonWebToken token;

    LoginResource(AccountService accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    public record Credentials(@NotBlank @Size(max = 40) String username, @NotBlank @Size(max = 200) String password) {
    }

    @POST
    @Path("/login")
    public Uni<AccountService.Login> login(@NotNull @Valid Credentials credentials, @Context HttpServerRequest request) {
        return accounts.login(credentials.username(), credentials.password(), Requests.address(request));
    }

    @POST
    @Path("/live-ticket")
    @Consumes(MediaType.WILDCARD)
    @Authenticated
    public AccountService.LiveTicket liveTicket(@Context HttpServerRequest request) {
        return accounts.liveTicket(Tokens.actor(token, Requests.address(request)));
    }
}
