/**
 * Small helpers the test bundles share: waiting (bounded) for a service, finding a bundle, turning
 * an initial bundle location into one {@code installBundle} takes, sending lab flows into a tap,
 * datagrams cut into IP fragments. Test code only: no
 * feature or product ships this bundle.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.testsupport;
