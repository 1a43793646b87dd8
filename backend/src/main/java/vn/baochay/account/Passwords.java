package vn.baochay.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.spec.InvalidKeySpecException;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt hashing and checking. Both are slow on purpose: call them on a worker thread. */
final class Passwords {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    /** A hash of nothing anyone knows, checked when the username is unknown so timing tells nothing. */
    static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such account: constant-time refusal");

    private Passwords() {
    }

    static String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    static boolean matches(String password, String hash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(hash));
            return factory.verify(stored, password.toCharArray());
        } catch (InvalidKeySpecException | java.security.InvalidKeyException | java.security.NoSuchAlgorithmException e) {
            return false;
        }
    }
}
