/**
 * The tap-native binding's public entry points: the availability probe and the service factory.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.tap;
