/** The one way tapsteer writes a JSON document (Gson's streaming writer, one line). */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.stats.json;
