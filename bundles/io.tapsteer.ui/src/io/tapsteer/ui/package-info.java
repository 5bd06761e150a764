/**
 * What the desktop application shares with the views: a view's "live" state for the screenshot
 * mode, the window capture, and the registry of lab traffic sources running in this process.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.ui;
