package io.tapsteer.queue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tapsteer.queue.internal.ConfigCheck;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A queue manager's configuration as written in conf/: a wrong value is named with its file and property. */
class ConfigCheckTest {
    private static String refusal(Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("felix.fileinstall.filename", "file:/home/x/conf/io.tapsteer.queue-lab.cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return assertThrows(IllegalArgumentException.class, () -> ConfigCheck.check(props)).getMessage();
    }

    @Test
    void aWrongTypeNamesFilePropertyAndWhatIsAllowed() {
        assertEquals("conf/io.tapsteer.queue-lab.cfg: queues 'abc' is not a whole number: allowed 1 to 256", refusal("queues", "abc"));
        assertEquals("conf/io.tapsteer.queue-lab.cfg: batchIo 'maybe' is not true or false: allowed true or false", refusal("batchIo", "maybe"));
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertEquals("conf/io.tapsteer.queue-lab.cfg: queues '0' is out of range: allowed 1 to 256", refusal("queues", "0"));
        assertEquals("conf/io.tapsteer.queue-lab.cfg: vnetHeader '13' is not a vnet header size: allowed 0 (none), 10, 12, 20 or more",
                refusal("vnetHeader", "13"));
        assertEquals("conf/io.tapsteer.queue-lab.cfg: offloads 1 need a vnet header: set vnetHeader to 10, 12, 20 or more",
                refusal("offloads", "1"));
        assertEquals("conf/io.tapsteer.queue-lab.cfg: kernelSteering 'ebpf' is unknown: allowed auto or automq", refusal("kernelSteering", "ebpf"));
    }

    @Test
    void aPropertyTheQueueManagerDoesNotKnowIsRefused() {
        assertEquals("conf/io.tapsteer.queue-lab.cfg: property 'this' is unknown: allowed batchIo, budget, device, frameBytes, kernelSteering,"
                + " lanes, namespace, offloads, poolFrames, queues, strategy, vnetHeader", refusal("this", "is not a configuration"));
        ConfigCheck.check(Map.of("service.pid", "io.tapsteer.queue~lab", "component.id", 3L, "tapService.target", "(x=y)"));
    }

    @Test
    void goodValuesOfEitherFormPass() {
        ConfigCheck.check(Map.of("queues", 4, "vnetHeader", "12", "offloads", 1, "batchIo", "false", "budget", " 32 "));
        ConfigCheck.check(Map.of("batchIo", Boolean.TRUE, "kernelSteering", "automq"));
    }
}
