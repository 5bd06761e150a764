package io.tapsteer.queue.teststrategy;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;

/**
 * A third-party strategy as a bundle would ship it, using only the API: hashes the IPv4/IPv6 source
 * address's last byte to a lane, and throws on every 100th call so the queue manager's fallback
 * counting can be checked. {@link #calls()} and {@link #throwsSoFar()} let a test compare.
 */
@Component(service = SteeringStrategy.class)
@SteeringStrategyService(name = FlakyStrategy.NAME)
public final class FlakyStrategy implements SteeringStrategy {
    /** The strategy's name. */
    public static final String NAME = "test-flaky";
    private final AtomicLong calls = new AtomicLong();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test strategy: source address byte mod lanes; throws on every 100th call";
    }

    @Override
    public int select(Frame frame, int lanes) {
        long n = calls.incrementAndGet();
        if (n % 100 == 0) {
            throw new IllegalStateException("call " + n + " fails on purpose");
        }
        int type = (frame.u8(12) << 8) | frame.u8(13);
        int b = type == 0x0800 ? frame.u8(14 + 15) : type == 0x86dd ? frame.u8(14 + 23) : 0;
        return b % lanes;
    }

    /** @return calls to {@link #select} so far */
    public long calls() {
        return calls.get();
    }

    /** @return how many of them threw */
    public long throwsSoFar() {
        return calls.get() / 100;
    }
}
