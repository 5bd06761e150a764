package io.tapsteer.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/**
 * Binding a command's words to its method: what a user typed reaches the command as text, and what
 * does not fit is refused in tapsteer's words with the command's usage.
 */
class CommandDispatchTest {
    /** A command declared as tapsteer's commands are. */
    public static final class Make {
        @Descriptor("make a thing")
        public String make(
                @Descriptor("count, 1 to 256") @Parameter(names = {"-q", "--queues"}, absentValue = "1") int queues,
                @Descriptor("keep it") @Parameter(names = {"-p", "--persist"}, absentValue = "false", presentValue = "true") boolean persist,
                @Descriptor("key in hex") @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
                @Descriptor("device name, for example t0") String name) {
            return queues + " " + persist + " [" + key + "] " + name;
        }

        @Descriptor("make a thing with ports")
        public String make(
                @Descriptor("count, 1 to 256") @Parameter(names = {"-q", "--queues"}, absentValue = "1") int queues,
                @Descriptor("keep it") @Parameter(names = {"-p", "--persist"}, absentValue = "false", presentValue = "true") boolean persist,
                @Descriptor("key in hex") @Parameter(names = {"-k", "--key"}, absentValue = "") String key,
                @Descriptor("device name, for example t0") String name,
                @Descriptor("port, 0 to 65535") int port) {
            return queues + " " + persist + " [" + key + "] " + name + ":" + port;
        }

        @Descriptor("set a flag")
        public String flag(@Descriptor("device name") String name, @Descriptor("on, true or false") boolean on) {
            return name + "=" + on;
        }

        @Descriptor("take words")
        public String words(@Descriptor("w") @Parameter(names = "--src", absentValue = "") String src,
                @Descriptor("frame in hex") String... rest) {
            return src + Arrays.toString(rest);
        }
    }

    private static String run(String line) throws Exception {
        List<String> words = CommandWords.of(line);
        String fn = words.get(0);
        return String.valueOf(CommandDispatch.call(new Make(), CommandDispatch.forms(new Make(), "t:" + fn, fn),
                words.subList(1, words.size()), null));
    }

    private static String refusal(String line) {
        return assertThrows(IllegalArgumentException.class, () -> run(line)).getMessage();
    }

    private static final String USAGE = "t:make [-q|--queues QUEUES] [-p|--persist] [-k|--key KEY] <device name>";

    @Test
    void optionsFlagsAndArgumentsBind() throws Exception {
        assertEquals("1 false [] t0", run("make t0"));
        assertEquals("4 true [] t0", run("make --queues 4 -p t0"));
        assertEquals("4 false [] t0:443", run("make t0 443 --queues=4"));
    }

    @Test
    void wordsStayTheTextTyped() throws Exception {
        assertEquals("1 false [12345678901234567890123456789012] t0", run("make --key 12345678901234567890123456789012 t0"));
        assertEquals("[2001:db8::1]:443[]", run("words --src [2001:db8::1]:443"));
        assertEquals("[00, 11, a b]", run("words 00 11 'a b'"));
    }

    @Test
    void aNumberThatIsNotOneIsNamed() {
        assertEquals("--queues 'abc' is not a whole number: give count, 1 to 256", refusal("make --queues abc t0"));
        assertEquals("port 'x' is not a whole number", refusal("make t0 x"));
    }

    @Test
    void aBooleanIsTrueOrFalseOnly() throws Exception {
        assertEquals("on 'maybe' is not true or false", refusal("flag t0 maybe"));
        assertEquals("t0=false", run("flag t0 FALSE"));
    }

    @Test
    void missingUnknownAndSurplusWordsGiveTheUsage() {
        assertEquals("missing <device name>; usage: " + USAGE + " or " + USAGE + " <port>", refusal("make"));
        assertEquals("'--bogus' is not an option of t:make; usage: " + USAGE, refusal("make --bogus t0"));
        assertEquals("--queues needs a value: count, 1 to 256; usage: " + USAGE, refusal("make t0 --queues"));
        assertEquals("too many arguments, from 'c' on; usage: t:flag <device name> <on>", refusal("flag a b c"));
    }

    @Test
    void gogoSyntaxIsLeftToGogo() {
        assertNull(CommandWords.of("x = tap:list"));
        assertNull(CommandWords.of("echo $x"));
        assertNull(CommandWords.of("each [1 2] { echo $it }"));
        assertNull(CommandWords.of("tap:list | grep t0"));
        assertEquals(List.of("a", "b c", "d\"e"), CommandWords.of("a 'b c' \"d\\\"e\""));
        assertEquals("a single quote is not closed", assertThrows(IllegalArgumentException.class, () -> CommandWords.of("a 'b")).getMessage());
    }

    @Test
    void theRegisteredTapCommandsAnswerInTapsteerWords() throws Exception {
        CommandDispatch d = new CommandDispatch(FrameworkUtil.getBundle(TapCommands.class).getBundleContext());
        CommandDispatch.Call c = d.find("tap:create --queues abc t0");
        assertNotNull(c, "tap:create is a tapsteer command");
        assertEquals("--queues 'abc' is not a whole number: give queues to open, 1 to 256",
                assertThrows(IllegalArgumentException.class, () -> c.run(null)).getMessage());
        assertNull(d.find("lb"), "Gogo's own commands are Gogo's");
    }
}
