/**
 * Configuration helpers for components configured through ConfigAdmin.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package io.tapsteer.api.config;
