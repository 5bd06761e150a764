/** The tapsteer desktop product: E4 life cycle, demo lab and window screenshots. */
package io.tapsteer.ui.rcp;
