/**
 * Lab traffic: frame building with documentation addresses, flow sets and the AF_PACKET source.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.lab;
