package io.kmsethereum.core.verify;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The waiting of one verification at one verifier, within {@code verifyTimeout}: rate limits
 * (HTTP 429, Etherscan's {@code Max rate limit reached}), answers such as "not indexed yet" or
 * "Pending in queue", server errors (5xx) and unreachable servers are waited out with
 * exponential backoff (1 s, 2 s, 4 s, … at most 16 s, or the server's {@code Retry-After}),
 * and a job still running is looked at again after 1 s, 2 s, then every 4 s; each wait is
 * logged, until the deadline; then {@link TimedOut}. The backoff starts again at 1 s after a
 * real answer (a job accepted or still running: {@link #answered()}, {@link #poll(String)}), and
 * the polling pace after a new job ({@link #answered()}). Each request may take at most the time
 * left until the deadline (at least {@link #SHORTEST_REQUEST}).
 */
public final class Patience {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(16);
    /** The longest pause between two looks at a job that is still running. */
    static final Duration LONGEST_POLL = Duration.ofSeconds(4);
    /**
     * The least time a request is given even when the deadline is nearer: an answer on its way is
     * worth more than a timeout a moment earlier.
     */
    static final Duration SHORTEST_REQUEST = Duration.ofSeconds(5);

    /** Sleeps; tests replace it. */
    public interface Sleeper {
        /**
         * @param duration how long
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Something to send; may fail to reach the server. */
    public interface Call {
        /**
         * @param limit the longest this request may take: the time left until the deadline, at
         *     least {@link #SHORTEST_REQUEST}
         * @return the answer
         * @throws IOException if the server cannot be reached
         */
        ExplorerHttp.Response send(Duration limit) throws IOException;
    }

    /** The deadline passed while waiting; the message says for what. */
    public static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message);
        }
    }

    private final String who;
    private final Instant deadline;
    private final Duration timeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;
    private Duration next = FIRST;
    private Duration nextPoll = FIRST;

    /**
     * @param who the verifier and the contract, for log lines
     * @param timeout the time allowed (verifyTimeout)
     * @param clock the clock
     * @param sleeper sleeps
     * @param log progress lines
     */
    public Patience(String who, Duration timeout, Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.who = who;
        this.timeout = timeout;
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
        this.sleeper = sleeper;
        this.log = log;
    }

    /**
     * Sends a request until it is answered with something other than a rate limit, a server
     * error or no connection.
     *
     * @param call the request
     * @return the answer
     * @throws TimedOut if the deadline passes first
     */
    public ExplorerHttp.Response call(Call call) {
        while (true) {
            ExplorerHttp.Response response;
            try {
                response = call.send(requestLimit());
            } catch (IOException e) {
                waitFor(
                        "cannot be reached (" + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                        null);
                continue;
            }
            if (response.status() == 429) {
                waitFor(
                        "rate limit reached (HTTP 429)",
                        response.retryAfterSeconds().isPresent()
                                ? Duration.ofSeconds(
                                        response.retryAfterSeconds().getAsLong())
                                : null);
            } else if (response.status() >= 500) {
                waitFor("answered HTTP " + response.status(), null);
            } else {
                return response;
            }
        }
    }

    /**
     * @return the time left until the deadline, at least {@link #SHORTEST_REQUEST}
     */
    Duration requestLimit() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.compareTo(SHORTEST_REQUEST) < 0 ? SHORTEST_REQUEST : left;
    }

    /**
     * The verifier gave a real answer (accepted a job): the next refusal or rate limit is waited
     * out from 1 s again, and the new job is polled after 1 s, 2 s, then every 4 s.
     */
    public void answered() {
        next = FIRST;
        nextPoll = FIRST;
    }

    /**
     * Waits before looking at a job again that the verifier is still working on (1 s, 2 s, then
     * every 4 s): a queue, unlike a refusal, needs no growing backoff. Being an answer, it
     * resets the backoff of {@link #waitFor(String, Duration)}.
     *
     * @param why the verifier's answer, e.g. {@code Pending in queue}
     * @throws TimedOut if the deadline would pass
     */
    public void poll(String why) {
        next = FIRST; // the verifier answered; a later refusal starts its backoff again
        Duration wait = nextPoll;
        nextPoll = nextPoll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : nextPoll.multipliedBy(2);
        pause(why, wait);
    }

    /**
     * Waits before asking again, and logs why.
     *
     * @param why the verifier's answer, e.g. {@code Pending in queue}
     * @param hint the server's {@code Retry-After}, or {@code null} for the next backoff step
     * @throws TimedOut if the deadline would pass
     */
    public void waitFor(String why, Duration hint) {
        Duration wait = hint != null ? hint : next;
        next = next.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : next.multipliedBy(2);
        pause(why, wait);
    }

    private void pause(String why, Duration planned) {
        Duration wait = planned;
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TimedOut(who + ": " + why + ", still after verifyTimeout (" + timeout.toSeconds() + " s)");
        }
        if (wait.compareTo(left) > 0) {
            wait = left;
        }
        log.accept(who + ": " + why + "; asking again in " + Math.max(1, wait.toSeconds()) + " s (" + left.toSeconds()
                + " s left of verifyTimeout)");
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimedOut(who + ": interrupted while waiting (" + why + ")");
        }
    }
}
