package io.tapsteer.ui.internal;

import org.eclipse.osgi.util.NLS;

/** The views' strings (messages.properties next to this class). */
// One field per key of messages.properties (NLS fills them by name).
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "io.tapsteer.ui.internal.messages";
    public static String Flows_flow;
    public static String Flows_noStats;
    public static String Flows_packets;
    public static String Flows_queue;
    public static String Flows_share;
    public static String Lab_close;
    public static String Lab_closed;
    public static String Lab_create;
    public static String Lab_created;
    public static String Lab_failed;
    public static String Lab_name;
    public static String Lab_noTapService;
    public static String Lab_persist;
    public static String Lab_queues;
    public static String Lab_traffic;
    public static String Lab_vnet;
    public static String Rss_applied;
    public static String Rss_apply;
    public static String Rss_applyFailed;
    public static String Rss_equalRange;
    public static String Rss_fieldTableSize;
    public static String Rss_fieldUnclassified;
    public static String Rss_key;
    public static String Rss_keyEmpty;
    public static String Rss_keyNotHex;
    public static String Rss_notANumber;
    public static String Rss_table;
    public static String Rss_tableSize;
    public static String Rss_tableSizeLabel;
    public static String Rss_tableSpec;
    public static String Rss_title;
    public static String Rss_types;
    public static String Rss_unclassifiedLabel;
    public static String Rss_weightNegative;
    public static String Rss_weightZero;
    public static String Steering_active;
    public static String Steering_breaksOrder;
    public static String Steering_description;
    public static String Steering_device;
    public static String Steering_keepsOrder;
    public static String Steering_kernel;
    public static String Steering_kernelYes;
    public static String Steering_name;
    public static String Steering_noManager;
    public static String Steering_order;
    public static String Steering_switchFailed;
    public static String Steering_switched;
    public static String Steering_switching;
    public static String Steering_userOnly;
    public static String Steering_yes;
    public static String Topology_kernel;
    public static String Topology_kernelUnknown;
    public static String Topology_lane;
    public static String Topology_load;
    public static String Topology_noCounters;
    public static String Topology_noDevices;
    public static String Topology_noManager;
    public static String Topology_queue;
    public static String Topology_queueCount;
    public static String Topology_queueDetached;
    public static String Topology_strategy;
    public static String Traffic_device;
    public static String Traffic_drops;
    public static String Traffic_fallbacks;
    public static String Traffic_noManager;
    public static String Traffic_queue;
    public static String Traffic_rxBytes;
    public static String Traffic_rxPackets;
    public static String Traffic_txBytes;
    public static String Traffic_txPackets;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
