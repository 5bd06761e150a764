package io.tapsteer.shell;

import io.tapsteer.api.capture.WhatIfResult;
import io.tapsteer.api.capture.WhatIfService;
import io.tapsteer.lab.capture.CaptureException;
import io.tapsteer.lab.capture.WhatIf;
import io.tapsteer.stats.Balances;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link WhatIfService}: the comparison {@code steer:whatif} prints, as values for the desktop's
 * What-if view and other bundles.
 */
@Component(service = WhatIfService.class)
public final class WhatIfServiceComponent implements WhatIfService {
    private Services services;

    @Activate
    void activate(BundleContext context) {
        services = new Services(context);
    }

    @Override
    public WhatIfResult compare(Path capture, int queues, List<String> strategies, List<String> rss) {
        if (queues < 1 || queues > WhatIfCommands.MAX_QUEUES) {
            throw new IllegalArgumentException("--queues '" + queues + "': a queue count is a number from 1 to " + WhatIfCommands.MAX_QUEUES);
        }
        WhatIf.Report r;
        try {
            r = WhatIf.run(capture, queues, WhatIfCommands.candidates(services, queues, List.copyOf(strategies), List.copyOf(rss)));
        } catch (CaptureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a strategy", e);
        }
        List<WhatIfResult.Candidate> out = new ArrayList<>();
        for (WhatIf.Outcome o : r.outcomes()) {
            int[] ids = new int[queues];
            List<Long> frames = new ArrayList<>();
            List<Long> bytes = new ArrayList<>();
            for (int q = 0; q < queues; q++) {
                ids[q] = q;
                frames.add(o.frames()[q]);
                bytes.add(o.bytes()[q]);
            }
            out.add(new WhatIfResult.Candidate(o.candidate().label(), o.candidate().note(), List.copyOf(frames), List.copyOf(bytes),
                    Balances.of(ids, o.frames()), o.flows(), o.flowsSplit(), o.unclassified(), o.errors(),
                    o.firstError() == null ? "" : o.firstError(), o.hottest(),
                    o.topFlows().stream().map(f -> f.frames() + "  " + f.flow()).toList()));
        }
        return new WhatIfResult(r.capture(), r.frames(), r.truncated(), r.damage(), r.queues(), List.copyOf(out));
    }
}
