package vn.baochay.account;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import vn.baochay.common.Transactions;

/**
 * Accounts that must exist when the application starts: the first ADMIN from configuration, and in
 * the demo, dev and test profiles the demo dispatchers listed in the README. Neither ever changes an
 * account that exists already. Outside those profiles the application refuses to start while demo
 * accounts are enabled, or while an active demo account is left in the database: their passwords are
 * public.
 */
class AccountBootstrap {

    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class);

    /** A demo dispatcher as the README lists it, password in clear until start-up hashes it. */
    record DemoAccount(String username, String displayName, String password, Role role, List<String> provinces) {
        AccountRepository.Account hashed() {
            return new AccountRepository.Account(username, displayName, Passwords.hash(password), role, provinces, true,
                    true);
        }
    }

    /** Demo dispatchers; created in the demo, dev and test profiles only. */
    static final List<DemoAccount> DEMO = List.of(
            new DemoAccount("dieuphoi.dienbien", "Lò Thị Hoa (Điện Biên)", "dienbien114", Role.DISPATCHER,
                    List.of("Điện Biên", "Lai Châu", "Sơn La")),
            new DemoAccount("dieuphoi.laocai", "Nguyễn Văn Nam (Lào Cai)", "laocai114", Role.DISPATCHER,
                    List.of("Lào Cai", "Tuyên Quang")),
            new DemoAccount("dieuphoi.hanoi", "Trần Thu Hà (Hà Nội)", "hanoi114", Role.DISPATCHER, List.of("Hà Nội")),
            new DemoAccount("giamsat", "Phạm Minh Đức (giám sát)", "giamsat114", Role.SUPERVISOR, List.of()),
            new DemoAccount("quantri", "Quản trị hệ thống", "quantri114", Role.ADMIN, List.of()));

    /** Profiles in which demo accounts may exist. */
    static final java.util.Set<String> DEMO_PROFILES = java.util.Set.of("demo", "dev", "test");

    static boolean demoProfile(List<String> profiles) {
        return profiles.stream().anyMatch(DEMO_PROFILES::contains);
    }

    void onStart(@Observes StartupEvent event, AuthConfig config, Transactions transactions,
                 AccountRepository accounts, Clock clock) throws Throwable {
        boolean demoProfile = demoProfile(io.quarkus.runtime.configuration.ConfigUtils.getProfiles());
        if (config.demoAccounts() && !demoProfile) {
            throw new IllegalStateException("baochay.auth.demo-accounts=true outside the demo, dev and test profiles: "
                    + "the demo passwords are public. Remove the setting (profiles "
                    + io.quarkus.runtime.configuration.ConfigUtils.getProfiles() + ")");
        }
        Uni<Void> work = demoProfile ? Uni.createFrom().voidItem() : accounts.activeDemoAccounts().invoke(names -> {
            if (!names.isEmpty()) {
                throw new IllegalStateException("Active demo accounts " + names + " are in this database, whose "
                        + "passwords are public: deactivate or delete them before starting in production");
            }
        }).replaceWithVoid();
        if (config.admin().username().isPresent() && config.admin().password().isPresent()) {
            String username = config.admin().username().get();
            var admin = new AccountRepository.Account(username, "Administrator",
                    Passwords.hash(config.admin().password().get()), Role.ADMIN, List.of(), true, false);
            work = work.chain(() -> transactions.inTransaction(() -> accounts.createIfAbsent(admin, false,
                    clock.instant())));
        } else {
            LOG.info("No baochay.auth.admin.username/password configured: no ADMIN account is created at start-up");
        }
        if (config.demoAccounts()) {
            for (DemoAccount account : DEMO) {
                var hashed = account.hashed();
                work = work.chain(() -> transactions.inTransaction(() -> accounts.createIfAbsent(hashed, true,
                        clock.instant())));
            }
            LOG.warnf("Demo dispatcher accounts are enabled (%d accounts, see README): not for production", DEMO.size());
        }
        // Hibernate Reactive needs a Vert.x context; start-up runs on the main thread.
        Uni<Void> all = work;
        VertxContextSupport.subscribeAndAwait(() -> all.ifNoItem().after(Duration.ofSeconds(60)).fail());
    }
}
