package vn.baochay.notify;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The Admin SDK's HTTP transport, pointed at the configured FCM endpoint: the SDK always calls
 * https://fcm.googleapis.com, so requests there go to {@code baochay.push.fcm-url} instead (the same
 * by default; a regional endpoint, a proxy, or a test's stand-in otherwise). Everything else about
 * the request, the SDK's own retries included, is the SDK's.
 */
final class FcmEndpoint extends HttpTransport {

    static final String GOOGLE = "https://fcm.googleapis.com";
    private static final Method BUILD_REQUEST;

    static {
        try {
            // NetHttpTransport is final and its buildRequest protected: reached once, by reflection.
            BUILD_REQUEST = HttpTransport.class.getDeclaredMethod("buildRequest", String.class, String.class);
            BUILD_REQUEST.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final NetHttpTransport delegate = new NetHttpTransport();
    private final String base;

    FcmEndpoint(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
        String target = url.startsWith(GOOGLE) ? base + url.substring(GOOGLE.length()) : url;
        try {
            return (LowLevelHttpRequest) BUILD_REQUEST.invoke(delegate, method, target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IOException(e);
        }
    }

    @Override
    public boolean supportsMethod(String method) throws IOException {
        return delegate.supportsMethod(method);
    }
}
