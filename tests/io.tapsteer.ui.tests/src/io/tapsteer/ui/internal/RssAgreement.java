package io.tapsteer.ui.internal;

import io.tapsteer.api.frame.Frame;
import io.tapsteer.api.steering.RssConfig;
import io.tapsteer.api.steering.SteeringStrategy;
import io.tapsteer.lab.Flows;
import io.tapsteer.lab.FrameBuilder;
import io.tapsteer.rss.RssEngine;
import java.nio.ByteBuffer;

/** Whether a strategy service picks, for 256 lab flows on 2 lanes, the queues an RSS engine of a configuration picks. */
final class RssAgreement {
    private RssAgreement() {
    }

    static boolean agrees(SteeringStrategy strategy, RssConfig config) {
        RssEngine engine = new RssEngine(config);
        FrameBuilder b = new FrameBuilder();
        for (int i = 0; i < 256; i++) {
            byte[] bytes = Flows.mixed(b, i).build();
            ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).put(bytes);
            Frame frame = new Frame(null).set(buf, 0, bytes.length, 0, -1);
            if (strategy.explain(frame, 2).queue() != engine.queueOf(buf, 0, bytes.length)) {
                return false;
            }
        }
        return true;
    }
}
