package io.tapsteer.ui.internal;

import org.eclipse.osgi.util.NLS;

/** The views' strings (messages.properties next to this class). */
// One field per key of messages.properties (NLS fills them by name).
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "io.tapsteer.ui.internal.messages";
    public static String Capture_bounds;
    public static String Capture_browse;
    public static String Capture_failed;
    public static String Capture_file;
    public static String Capture_frames;
    public static String Capture_kernelView;
    public static String Capture_noDevice;
    public static String Capture_noFile;
    public static String Capture_noService;
    public static String Capture_running;
    public static String Capture_seconds;
    public static String Capture_start;
    public static String Explain_destination;
    public static String Explain_destinationPort;
    public static String Explain_hash;
    public static String Explain_hashType;
    public static String Explain_noManager;
    public static String Explain_noStrategy;
    public static String Explain_none;
    public static String Explain_note;
    public static String Explain_protocolLabel;
    public static String Explain_queue;
    public static String Explain_lane;
    public static String Explain_rssInvalid;
    public static String Explain_slot;
    public static String Explain_source;
    public static String Explain_sourcePort;
    public static String Explain_strategy;
    public static String Explain_title;
    public static String Explain_value;
    public static String Explain_what;
    public static String Explain_with;
    public static String Explain_withActive;
    public static String Explain_withRss;
    public static String Flows_counted;
    public static String Flows_device;
    public static String Flows_flow;
    public static String Flows_lane;
    public static String Flows_noStats;
    public static String Flows_none;
    public static String Flows_packets;
    public static String Flows_queue;
    public static String Flows_rank;
    public static String Flows_share;
    public static String Lab_alreadySending;
    public static String Lab_configRefused;
    public static String Lab_createdManaged;
    public static String Lab_managerTimeout;
    public static String Lab_noConfigAdmin;
    public static String Lab_withManager;
    public static String Lab_busy;
    public static String Lab_close;
    public static String Lab_closed;
    public static String Lab_create;
    public static String Lab_created;
    public static String Lab_creating;
    public static String Lab_deletedOnClose;
    public static String Lab_devicesHint;
    public static String Lab_failed;
    public static String Lab_flows;
    public static String Lab_frames;
    public static String Lab_idle;
    public static String Lab_mix;
    public static String Lab_name;
    public static String Lab_noTapService;
    public static String Lab_noTarget;
    public static String Lab_notYetMade;
    public static String Lab_panelClosed;
    public static String Lab_persist;
    public static String Lab_queues;
    public static String Lab_rate;
    public static String Lab_seconds;
    public static String Lab_selectToClose;
    public static String Lab_sending;
    public static String Lab_settings;
    public static String Lab_start;
    public static String Lab_starting;
    public static String Lab_stop;
    public static String Lab_stopped;
    public static String Lab_stopping;
    public static String Lab_target;
    public static String Lab_timeLimit;
    public static String Lab_trafficTitle;
    public static String Lab_unlimited;
    public static String Lab_vnet;
    public static String Rss_applied;
    public static String Rss_appliedForeign;
    public static String Rss_apply;
    public static String Rss_applyFailed;
    public static String Rss_applying;
    public static String Rss_key;
    public static String Rss_table;
    public static String Rss_tableSizeLabel;
    public static String Rss_title;
    public static String Rss_types;
    public static String Rss_unclassifiedLabel;
    public static String Steering_active;
    public static String Steering_foreignDevice;
    public static String Steering_foreignKernelOnly;
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
    /** A lab host's console answered: {0} host, {1} its output. */
    public static String Topology_hostSays;
    /** {0} host. */
    public static String Topology_noHostShell;
    /** {0} host, {1} the command, {2} seconds. */
    public static String Topology_hostTooSlow;
    /** A lab host's capture moved here: {0} host, {1} what its capture said, {2} the local file. */
    public static String Capture_remoteDone;
    /** "Why this queue?" with the active strategy of a lab host's device, asked there: {0} host. */
    public static String Explain_asking;
    /** RSS applied on a lab host's console: {0} host. */
    public static String Rss_appliedOnHost;
    public static String Steering_switching;
    public static String Steering_userOnly;
    public static String Steering_yes;
    public static String Topology_attached;
    public static String Topology_attaching;
    public static String Topology_chooseDevice;
    public static String Topology_chooseHint;
    public static String Topology_chosenForeign;
    public static String Topology_chosenOwn;
    public static String Topology_detached;
    public static String Topology_detaching;
    public static String Topology_heldBy;
    public static String Topology_heldByTapsteer;
    public static String Topology_host;
    public static String Topology_labHost;
    public static String Topology_hostConnecting;
    public static String Topology_hostConnected;
    public static String Topology_hostUnreachable;
    public static String Topology_hostUnreachableWhy;
    public static String Topology_hostRefused;
    public static String Topology_remoteSteering;
    public static String Topology_kernelLoad;
    public static String Topology_kernelQueue;
    public static String Topology_kernelQueueDetached;
    public static String Topology_kernelView;
    public static String Topology_netns;
    public static String Topology_netnsNoInode;
    public static String Topology_noHolder;
    public static String Topology_noQueues;
    public static String Topology_noInventory;
    public static String Topology_noKernelSteering;
    public static String Topology_notSteerable;
    public static String Topology_program;
    public static String Topology_refused;
    public static String Topology_scanFailed;
    public static String Topology_steerAutomq;
    public static String Topology_steerRss;
    public static String Topology_steerRssHint;
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
    public static String Traffic_balance;
    public static String Traffic_chartAgo;
    public static String Traffic_chartNow;
    public static String Traffic_chartQueue;
    public static String Traffic_chartUnit;
    public static String Traffic_chartWaiting;
    public static String Traffic_device;
    public static String Traffic_drops;
    public static String Traffic_fallbacks;
    public static String Traffic_hotQueue;
    public static String Traffic_laneBalance;
    public static String Traffic_noHotQueue;
    public static String Traffic_noManager;
    public static String Traffic_noStats;
    public static String Traffic_remoteFailed;
    public static String Traffic_noRemote;
    public static String Traffic_pause;
    public static String Traffic_queue;
    public static String Traffic_rxBps;
    public static String Traffic_rxBytes;
    public static String Traffic_rxPackets;
    public static String Traffic_rxPps;
    public static String Traffic_share;
    public static String Traffic_summary;
    public static String Traffic_txPackets;
    public static String WhatIf_broken;
    public static String WhatIf_capture;
    public static String WhatIf_colBalance;
    public static String WhatIf_colCandidate;
    public static String WhatIf_colErrors;
    public static String WhatIf_colFlowOrder;
    public static String WhatIf_colHottest;
    public static String WhatIf_colJain;
    public static String WhatIf_colNote;
    public static String WhatIf_colUnclassified;
    public static String WhatIf_compare;
    public static String WhatIf_damage;
    public static String WhatIf_errorNote;
    public static String WhatIf_failed;
    public static String WhatIf_kept;
    public static String WhatIf_noFile;
    public static String WhatIf_noService;
    public static String WhatIf_nothing;
    public static String WhatIf_queue;
    public static String WhatIf_queues;
    public static String WhatIf_rss;
    public static String WhatIf_rssHint;
    public static String WhatIf_running;
    public static String WhatIf_strategies;
    public static String WhatIf_summary;
    public static String WhatIf_truncated;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }

    /**
     * @return the words of the innermost cause of a failure, for a status line: its message, or its
     *         kind when it has none (never "null")
     */
    static String cause(Throwable t) {
        String words = t.getMessage();
        while (t.getCause() != null) {
            t = t.getCause();
            words = t.getMessage() != null ? t.getMessage() : words;
        }
        return words != null ? words : t.getClass().getSimpleName();
    }
}
