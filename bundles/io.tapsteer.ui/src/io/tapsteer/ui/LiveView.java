package io.tapsteer.ui;

/**
 * A view that can say whether it shows live traffic now, so the desktop application's screenshot
 * mode waits until every view does (UI thread).
 */
public interface LiveView {
    /** @return whether the view shows live traffic (or, for the steering view, a running device) */
    boolean live();
}
