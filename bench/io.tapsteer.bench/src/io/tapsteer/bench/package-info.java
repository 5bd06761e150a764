/**
 * The benchmark harness: each pair (tapsteer against a C baseline written for the project) runs
 * alternately on the same tap in one run, for several rounds; results as a table and as JSON.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.bench;
