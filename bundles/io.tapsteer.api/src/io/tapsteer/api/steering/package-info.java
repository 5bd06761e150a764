/**
 * The steering SPI that third parties implement, explanations, RSS configuration and kernel steering.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.api.steering;
