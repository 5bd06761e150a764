package io.tapsteer.remote.internal;

import io.tapsteer.remote.LabHost;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import io.tapsteer.ebpf.LoopbackGate;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * One lab host's SSH session (Apache MINA SSHD) with a local port forward from 127.0.0.1 (an
 * ephemeral port) to the host's loopback management port. The host key is checked against the
 * configured known_hosts file; only the configured private key logs in (no password, no agent, no
 * ~/.ssh/config).
 */
public final class SshTunnel implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private static final int FORWARD_ATTEMPTS = 20;
    /** The ports a forward is opened on: the kernel's default ephemeral range. */
    private static final int EPHEMERAL_FIRST = 32768;
    private static final int EPHEMERAL_LAST = 60999;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final SshClient client;
    private final ClientSession session;
    private final SshdSocketAddress local;
    private final LoopbackGate gate;

    private SshTunnel(SshClient client, ClientSession session, SshdSocketAddress local, LoopbackGate gate) {
        this.client = client;
        this.session = session;
        this.local = local;
        this.gate = gate;
    }

    /**
     * Connects, checks the host key, logs in with the key and opens the forward.
     *
     * @param host the host
     * @return the open tunnel
     * @throws TunnelRefused when the host, its key or the login is refused (retrying will not help)
     * @throws IOException when the host cannot be reached
     */
    public static SshTunnel open(LabHost host) throws IOException {
        KeyPair key = key(host);
        KnownHostsCheck check = new KnownHostsCheck(host.knownHosts(), host.address(), host.port());
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(check);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.start();
        ClientSession session = null;
        try {
            boolean keyExchanged = false;
            try {
                session = client.connect(host.user(), host.address(), host.port()).verify(CONNECT).getSession();
                session.addPublicKeyIdentity(key);
                // the host key is checked during key exchange, before any authentication
                session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), CONNECT);
                keyExchanged = check.refusal() == null && session.isOpen();
                session.auth().verify(CONNECT);
            } catch (IOException e) {
                if (check.refusal() != null) {
                    throw new TunnelRefused(check.refusal());
                }
                if (keyExchanged && message(e).toLowerCase().contains("auth")) {
                    throw new TunnelRefused(host.user() + "@" + host.address() + " did not accept the key " + host.identity()
                            + " (key authentication only: no password)");
                }
                throw e;
            }
            return forward(client, session, host);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            throw e;
        }
    }

    /**
     * Opens the forward on a loopback port kept for this process's user ({@link LoopbackGate}), the
     * gate first, so that no other local user reaches the host through it, not even for a moment.
     * Where the gate cannot be had (a desktop without the right to load eBPF), the forward opens on
     * any free port, and a warning says that every local user can reach it.
     */
    private static SshTunnel forward(SshClient client, ClientSession session, LabHost host) throws IOException {
        SshdSocketAddress remote = new SshdSocketAddress("127.0.0.1", host.managementPort());
        String why = null;
        for (int attempt = 0; attempt < FORWARD_ATTEMPTS && why == null; attempt++) {
            int port = EPHEMERAL_FIRST + RANDOM.nextInt(EPHEMERAL_LAST - EPHEMERAL_FIRST + 1);
            LoopbackGate gate;
            try {
                gate = LoopbackGate.keep(port);
            } catch (IllegalStateException e) {
                why = e.getMessage();
                break;
            }
            try {
                SshdSocketAddress local = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", port), remote);
                return new SshTunnel(client, session, local, gate);
            } catch (IOException taken) {
                gate.close(); // in use: another port
            }
        }
        SshdSocketAddress local = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0), remote);
        System.err.println("tapsteer: the tunnel to " + host.address() + " listens on 127.0.0.1:" + local.getPort()
                + " for every local user of this machine: the port could not be kept for this user ("
                + (why == null ? "no free port in " + FORWARD_ATTEMPTS + " tries" : why) + ")");
        return new SshTunnel(client, session, local, null);
    }

    private static String message(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(' ');
        }
        return b.toString();
    }

    private static KeyPair key(LabHost host) throws TunnelRefused {
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(host.identity())) {
            Iterable<KeyPair> found = SecurityUtils.loadKeyPairIdentities(null, new PathResource(host.identity()), in,
                    FilePasswordProvider.EMPTY);
            if (found != null) {
                found.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TunnelRefused("identity " + host.identity() + " is not a private key tapsteer can read (an unencrypted "
                    + "OpenSSH or PEM key, ecdsa or rsa): " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new TunnelRefused("identity " + host.identity() + " holds no private key");
        }
        return keys.get(0);
    }

    /** @return the forward's local port on 127.0.0.1 */
    public int localPort() {
        return local.getPort();
    }

    /** @return whether the session is still open */
    public boolean isOpen() {
        return session.isOpen() && !session.isClosing();
    }

    /**
     * Waits until the session closes or the time passes.
     *
     * @param millis most milliseconds to wait
     */
    public void awaitClose(long millis) {
        session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), millis);
    }

    /**
     * Runs a command on the host through the session (an exec channel) and returns what it printed.
     *
     * @param command the command line
     * @param millis most milliseconds it may take
     * @throws IOException when it fails, exits non-zero (with what it wrote on stderr) or takes longer
     */
    public String exec(String command, long millis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exec(command, millis, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs a command on the host through the session and writes what it prints to {@code out}
     * (a file it reads crosses this way, however large).
     *
     * @throws IOException when it fails, exits non-zero (with what it wrote on stderr) or takes longer
     */
    public void exec(String command, long millis, java.io.OutputStream out) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(millis);
            if (ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), millis).contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("'" + command + "' on the host did not end within " + millis + " ms");
            }
            Integer status = ch.getExitStatus();
            if (status == null || status != 0) {
                throw new IOException("'" + command + "' on the host failed (exit " + status + "): "
                        + err.toString(StandardCharsets.UTF_8).strip());
            }
        }
    }

    @Override
    public void close() {
        session.close(true);
        client.stop();
        if (gate != null) {
            gate.close();
        }
    }

    /** The host, its key, the login or the identity was refused: retrying will not help. */
    public static final class TunnelRefused extends IOException {
        private static final long serialVersionUID = 1L;

        TunnelRefused(String reason) {
            super(reason);
        }
    }
}
