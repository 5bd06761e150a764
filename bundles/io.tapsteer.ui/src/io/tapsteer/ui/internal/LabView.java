package io.tapsteer.ui.internal;

import io.tapsteer.api.tap.TapDevice;
import io.tapsteer.api.tap.TapOptions;
import io.tapsteer.api.tap.TapService;
import io.tapsteer.ui.LiveView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * Lab panel: creates and closes taps (name, queues, vnet header, persist) inside a private network
 * namespace the panel owns, so nothing it makes reaches the host; closing the panel deletes them.
 * Below, the lab traffic source ({@link LabTraffic}), which sends only into private lab namespaces.
 */
public final class LabView implements LiveView {

    private Text name;
    private Spinner queues;
    private Button withManager;
    private Button vnet;
    private Button persist;
    private Label status;
    private org.eclipse.swt.widgets.List deviceList;
    private final LabDevices devices = new LabDevices();
    private LabTraffic traffic;
    /** Kept from creation: a disposed widget no longer knows its display, and this runs off the UI thread. */
    private org.eclipse.swt.widgets.Display display;

    /** @param parent where to create the view */
    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        new Label(root, SWT.NONE).setText(Messages.Lab_name);
        name = new Text(root, SWT.BORDER);
        name.setText("lab%d");
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(root, SWT.NONE).setText(Messages.Lab_queues);
        queues = new Spinner(root, SWT.BORDER);
        queues.setValues(4, 1, TapOptions.MAX_QUEUES, 0, 1, 8);
        vnet = new Button(root, SWT.CHECK);
        vnet.setText(Messages.Lab_vnet);
        persist = new Button(root, SWT.CHECK);
        persist.setText(Messages.Lab_persist);
        withManager = new Button(root, SWT.CHECK);
        withManager.setText(Messages.Lab_withManager);
        withManager.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        withManager.setSelection(true);
        withManager.addListener(SWT.Selection, e -> persist.setEnabled(!withManager.getSelection()));
        persist.setEnabled(false); // a queue manager's tap goes with its configuration
        Button create = new Button(root, SWT.PUSH);
        create.setText(Messages.Lab_create);
        create.addListener(SWT.Selection, e -> createDevice());
        Button close = new Button(root, SWT.PUSH);
        close.setText(Messages.Lab_close);
        close.addListener(SWT.Selection, e -> closeDevice(deviceList.getSelectionIndex()));
        deviceList = new org.eclipse.swt.widgets.List(root, SWT.BORDER | SWT.SINGLE);
        GridData dd = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        dd.heightHint = 60;
        deviceList.setLayoutData(dd);
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        status.setText(Messages.Lab_devicesHint);
        traffic = new LabTraffic(root, this::made);
        traffic.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
    }

    private List<TapDevice> made() {
        return devices.list();
    }

    /**
     * Creates a tap from the fields, off the UI thread; errors are shown in words. While one create
     * runs, another is refused at once (Close stays free: a tap is listed only once it is made).
     */
    void createDevice() {
        TapService service = Services.get().tapService();
        if (service == null) {
            status.setText(Messages.Lab_noTapService);
            return;
        }
        boolean managed = withManager.getSelection();
        TapOptions options;
        try {
            options = TapOptions.builder().name(name.getText().strip()).queues(queues.getSelection())
                    .vnetHeaderSize(vnet.getSelection() ? 12 : 0).persist(!managed && persist.getSelection()).build();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        org.osgi.service.cm.ConfigurationAdmin cm = null;
        if (managed) {
            cm = Services.get().configurationAdmin();
            if (cm == null) {
                status.setText(Messages.Lab_noConfigAdmin);
                return;
            }
        }
        try {
            devices.create(service, options, cm).whenComplete((d, err) -> post(err == null
                    ? Messages.bind(managed ? Messages.Lab_createdManaged : Messages.Lab_created, d.name(), d.attachedQueues())
                    : Messages.bind(Messages.Lab_failed, Messages.cause(err))));
            status.setText(Messages.bind(Messages.Lab_creating, options.name()));
        } catch (IllegalStateException e) {
            status.setText(e.getMessage());
        }
    }

    /** Closes the device at {@code i} in the list; never waits for a create in progress. */
    void closeDevice(int i) {
        TapDevice d = devices.remove(i);
        if (d == null) {
            String inProgress = devices.creating();
            status.setText(inProgress == null ? Messages.Lab_selectToClose : Messages.bind(Messages.Lab_notYetMade, inProgress));
            return;
        }
        CompletableFuture.runAsync(() -> devices.discard(d), Background.TASKS)
                .whenComplete((v, err) -> post(err == null ? Messages.bind(Messages.Lab_closed, d.name())
                        : Messages.bind(Messages.Lab_failed, Messages.cause(err))));
    }

    private void post(String text) {
        try {
            display.asyncExec(() -> {
                if (status.isDisposed()) {
                    return;
                }
                status.setText(text);
                deviceList.setItems(devices.list().stream().map(TapDevice::name).toArray(String[]::new));
            });
        } catch (SWTException e) { // the display went with the window: no panel is left to tell
            if (e.code != SWT.ERROR_DEVICE_DISPOSED) {
                throw e;
            }
        }
    }

    /** Closes every device the panel made and its namespace (a create in progress deletes its own). */
    @PreDestroy
    public void dispose() {
        if (traffic != null) {
            traffic.dispose();
        }
        devices.close();
    }

    /** @return whether the traffic section shows a source sending into a listed device */
    @Override
    public boolean live() {
        return traffic.live();
    }

    /** @return the traffic section */
    LabTraffic traffic() {
        return traffic;
    }

    /** @return the device list */
    org.eclipse.swt.widgets.List deviceList() {
        return deviceList;
    }

    /** @return the panel's taps and namespace */
    LabDevices devices() {
        return devices;
    }

    /** @return the status line of the device section */
    Label status() {
        return status;
    }

    /** @return the name field */
    Text name() {
        return name;
    }

    /** @return whether Create runs a queue manager on the new tap */
    Button withManager() {
        return withManager;
    }

    /** @return the queue count */
    Spinner queues() {
        return queues;
    }

    /** @return the view's top control */
    public Composite control() {
        return deviceList.getParent();
    }

    /** Gives the keyboard focus to the name field. */
    @Focus
    public void focus() {
        name.setFocus();
    }
}
