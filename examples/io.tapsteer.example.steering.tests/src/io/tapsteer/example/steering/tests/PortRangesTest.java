package io.tapsteer.example.steering.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tapsteer.example.steering.PortRanges;
import org.junit.jupiter.api.Test;

class PortRangesTest {
    @Test
    void portsInsideARangeGetItsLaneAndOthersNone() {
        PortRanges r = PortRanges.parse("6000-6999:1", "5000-5999:0", "53:3");
        assertEquals(0, r.lane(5000));
        assertEquals(0, r.lane(5999));
        assertEquals(1, r.lane(6500));
        assertEquals(3, r.lane(53));
        assertEquals(-1, r.lane(4999));
        assertEquals(-1, r.lane(7000));
        assertEquals(-1, r.lane(54));
    }

    @Test
    void overlappingRangesAreRejectedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRanges.parse("5000-5999:0", "5500-6000:1"));
        assertEquals("port ranges 5000-5999 and 5500-6000 overlap: each port may be pinned to one lane only", e.getMessage());
    }

    @Test
    void aPortAbove65535IsRejectedWithTheAllowedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRanges.parse("70000-70010:0"));
        assertTrue(e.getMessage().startsWith("port range '70000-70010:0': port 70000 is above 65535; use LOW-HIGH:LANE"), e.getMessage());
    }

    @Test
    void anEntryWithoutLaneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRanges.parse("5000-5999"));
        assertTrue(e.getMessage().contains("no ':LANE'"), e.getMessage());
    }

    @Test
    void aBackwardRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRanges.parse("6000-5000:0"));
        assertTrue(e.getMessage().contains("the range ends (5000) before it starts (6000)"), e.getMessage());
    }
}
