/** Lab hosts: their configuration and the SSH tunnel to each one's runtime. */
@org.osgi.annotation.versioning.Version("0.4.0")
package io.tapsteer.remote;
