/**
 * The desktop views (E4 parts): topology, queue traffic, steering, flows and lab. Views pull snapshot
 * models from the services on a timer; no view computes on the data path or blocks the UI thread.
 */
package io.tapsteer.ui.internal;
