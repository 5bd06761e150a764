package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting {@code shell -c} scripts into commands (in the shell's package: a fragment test). */
class ScriptTest {
    @Test
    void splitsAtSemicolonsAndNewlines() {
        assertEquals(List.of("tap:create ts0", "tap:list", "tap:show ts0"), Script.commands("tap:create ts0; tap:list\ntap:show ts0;"));
    }

    @Test
    void keepsSemicolonsInsideQuotesAndBrackets() {
        assertEquals(List.of("echo 'a;b'", "each [1 2] { echo $it; echo x }", "echo \"c;\\\"d\""),
                Script.commands("echo 'a;b'; each [1 2] { echo $it; echo x }; echo \"c;\\\"d\""));
    }

    @Test
    void anEmptyScriptHasNoCommand() {
        assertEquals(List.of(), Script.commands(" ; ;\n"));
    }
}
