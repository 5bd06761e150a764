package io.tapsteer.example.steering;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.Explanation;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.api.steering.SteeringStrategyService;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Port-range pinning with flow stickiness, the kind of strategy a third party writes: TCP/UDP
 * frames whose destination port falls in a configured range go to that range's lane; other IP
 * frames are spread by a flow hash; non-IP frames go to lane 0. The first lane a flow gets is
 * remembered, so reconfiguring the ranges (ConfigAdmin, for example a .cfg in conf/) moves new
 * flows only, never a running one.
 *
 * <p>Configuration PID {@value #PID}: {@code ranges} (entries {@code LOW-HIGH:LANE}) and
 * {@code stickySlots}. Depends on io.tapsteer.api only.
 */
@Component(service = SteeringStrategy.class, configurationPid = PortRangeStrategy.PID)
@SteeringStrategyService(name = PortRangeStrategy.STRATEGY)
@Designate(ocd = PortRangeStrategy.Config.class)
public final class PortRangeStrategy implements SteeringStrategy {
    /** The strategy's name. */
    public static final String STRATEGY = "port-range";
    /** The configuration PID. */
    public static final String PID = "io.tapsteer.example.steering.portrange";

    /** Configuration. */
    @ObjectClassDefinition(id = PID, name = "tapsteer port-range strategy", description = "Pins destination-port ranges to lanes; flows keep their first lane.")
    public @interface Config {
        /** @return entries LOW-HIGH:LANE */
        @AttributeDefinition(description = "Destination-port ranges and their lanes, LOW-HIGH:LANE or PORT:LANE")
        String[] ranges() default {"5000-5999:0", "6000-6999:1"};

        /** @return sticky table slots */
        @AttributeDefinition(description = "Flows remembered (slots of the sticky table, 16 to 1048576)")
        int stickySlots() default 4096;
    }

    private volatile PortRanges ranges;
    private volatile StickyTable sticky;

    /** For DS. */
    public PortRangeStrategy() {
    }

    /** Without OSGi (tests, other runtimes): ranges as in {@link Config#ranges()}. */
    public PortRangeStrategy(int stickySlots, String... ranges) {
        this.ranges = PortRanges.parse(ranges);
        this.sticky = new StickyTable(stickySlots);
    }

    @Activate
    void activate(Config config) {
        sticky = new StickyTable(config.stickySlots());
        ranges = PortRanges.parse(config.ranges());
    }

    /** New ranges apply to new flows; flows already seen keep their lane (the table is kept). */
    @Modified
    void modified(Config config) {
        PortRanges r = PortRanges.parse(config.ranges());
        if (config.stickySlots() != sticky.size()) {
            sticky = new StickyTable(config.stickySlots());
        }
        ranges = r;
    }

    /** Reconfigures without OSGi; same rules as a ConfigAdmin update. */
    public void ranges(String... entries) {
        ranges = PortRanges.parse(entries);
    }

    @Override
    public String name() {
        return STRATEGY;
    }

    @Override
    public String description() {
        return "destination-port ranges pinned to lanes, other flows hashed; flows keep their first lane";
    }

    @Override
    public int select(Frame frame, int lanes) {
        long f = FlowFields.parse(frame);
        if (f == FlowFields.NOT_IP) {
            return 0;
        }
        int hash = FlowFields.hash(f);
        StickyTable t = sticky;
        int lane = t.lane(hash);
        if (lane >= 0 && lane < lanes) {
            return lane;
        }
        lane = decide(f, hash, lanes);
        t.remember(hash, lane);
        return lane;
    }

    private int decide(long f, int hash, int lanes) {
        int pinned = FlowFields.hasPorts(f) ? ranges.lane(FlowFields.destinationPort(f)) : -1;
        // A range pinned to a lane the device does not have folds onto the lanes it has.
        return pinned >= 0 ? pinned % lanes : Integer.remainderUnsigned(hash, lanes);
    }

    @Override
    public Explanation explain(Frame frame, int lanes) {
        long f = FlowFields.parse(frame);
        if (f == FlowFields.NOT_IP) {
            return new Explanation(STRATEGY, "user", List.of(), -1, "none", -1, 0, "not IPv4/IPv6: lane 0");
        }
        int hash = FlowFields.hash(f);
        StickyTable t = sticky;
        int remembered = t.lane(hash);
        int lane = select(frame, lanes);
        int proto = FlowFields.protocol(f);
        int port = FlowFields.destinationPort(f);
        String range = FlowFields.hasPorts(f) ? ranges.rangeOf(port) : null;
        String note;
        if (remembered >= 0 && remembered < lanes) {
            note = "sticky: the flow keeps the lane it was first given";
        } else if (range != null) {
            note = "pinned: destination port " + port + " is in " + range;
        } else if (!FlowFields.hasPorts(f)) {
            note = "hashed: no ports (not TCP or UDP, a fragment, or the header cut short)";
        } else {
            note = "hashed: destination port " + port + " is in no range";
        }
        List<Explanation.Field> fields = new ArrayList<>();
        fields.add(new Explanation.Field("protocol", new byte[] {(byte) proto}));
        fields.add(new Explanation.Field("dst-port", new byte[] {(byte) (port >> 8), (byte) port}));
        fields.add(new Explanation.Field("flow-hash", intBytes(hash)));
        return new Explanation(STRATEGY, "user", fields, Integer.toUnsignedLong(hash), "flow", t.slot(hash), lane, note);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
