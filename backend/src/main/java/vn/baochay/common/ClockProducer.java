package vn.baochay.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Every time the domain records (reports received, incident events, dispatcher actions, audit
 * records, assignments) comes from this clock, so tests can move time. Bookkeeping columns that
 * say when the database itself did something (the relay's position, a station import) use the
 * database's {@code now()}.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
