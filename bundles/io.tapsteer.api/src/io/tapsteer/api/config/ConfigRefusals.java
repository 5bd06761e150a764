package io.tapsteer.api.config;

import java.util.List;

/**
 * The configurations a bundle refused and still refuses: each entry is one sentence naming the file
 * (or PID), the property, what was wrong and what is allowed. A bundle whose components read
 * {@code conf/} registers one of these so the shell can show, next to what runs, what was not taken
 * and why; the previous good configuration stays in force while a refusal is listed.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ConfigRefusals {
    /** @return the refusals in force, oldest first; empty when every configuration was taken */
    List<String> refusals();
}
