package dev.codeai.integrations.integration;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The IT server's old-generation heap, watched over JMX (the JDK's attach API starts the server JVM's local
 * management agent): {@link #resetPeak()} before some work, {@link #peakGrowthBytes()} after it. Objects that
 * live through a transfer, such as a buffered body, end up in the old generation (large arrays go there at once),
 * so its peak shows what the work held on to; short-lived copy buffers never reach it.
 */
final class ServerHeap implements AutoCloseable {

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> oldPools;
    private long baseline;

    private ServerHeap(JMXConnector connector, MemoryMXBean memory, List<MemoryPoolMXBean> oldPools) {
        this.connector = connector;
        this.memory = memory;
        this.oldPools = oldPools;
    }

    /** Attaches to the IT server whose directory is {@code it.serverDir} (its pid is in {@code usr/servers/.pid}). */
    static ServerHeap ofItServer() throws Exception {
        Path serverDir = Path.of(System.getProperty("it.serverDir", "target/liberty/wlp/usr/servers/codeai-it"));
        Path pidFile = serverDir.getParent().resolve(".pid").resolve(serverDir.getFileName() + ".pid");
        String pid = Files.readString(pidFile).trim();
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MBeanServerConnection server = connector.getMBeanServerConnection();
        List<MemoryPoolMXBean> old = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured")).toList();
        if (old.isEmpty()) {
            connector.close();
            throw new IllegalStateException("the server JVM has no old-generation heap pool");
        }
        return new ServerHeap(connector, ManagementFactory.newPlatformMXBeanProxy(server,
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class), old);
    }

    /**
     * Collects the server's garbage first, so every object older than the work is already in the old generation
     * and a young collection during the work promotes only objects the work made.
     */
    void resetPeak() {
        memory.gc();
        oldPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        baseline = oldPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** How far the old generation's peak rose above its use at {@link #resetPeak()}. */
    long peakGrowthBytes() {
        return oldPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - baseline;
    }

    String pools() {
        return oldPools.stream().map(MemoryPoolMXBean::getName).toList().toString();
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
