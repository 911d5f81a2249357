package io.kmsethereum.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until a test moves it: waits become instant and deterministic. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /**
     * @param start the time it shows first
     */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /**
     * @param duration how far to move it
     */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
