#!/bin/busybox sh
# /init of the lab guest: loads virtio-net, brings eth0 up with every queue, and answers requests
# on its serial console. Answers start with "tapsteer-guest " so the host can tell them from
# kernel messages:
#   stats       -> tapsteer-guest rx N0 N1 ...   (rx_queue_<q>_packets of eth0)
#   channels N  -> tapsteer-guest channels N     (ethtool -L eth0 combined N)
#   off         -> powers the guest off
#   ping        -> nothing; the host sends it every few seconds, and a guest that hears nothing for
#                  30 s powers itself off, so a host process that died leaves no guest behind
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
stty -echo -onlcr 2>/dev/null
# in load order (each needs the ones before it)
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net; do
  insmod /lib/modules/$m.ko || echo "tapsteer-guest error insmod $m"
done
# only the frames the host sends: no IPv6 neighbour discovery, no addresses
echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -e /sys/class/net/eth0 ] || { echo "tapsteer-guest error no eth0"; poweroff -f; }
echo 1 > /proc/sys/net/ipv6/conf/eth0/disable_ipv6
# promiscuous: the lab's frames carry documentation MACs, not eth0's own
ip link set eth0 promisc on
ip link set eth0 up
echo "tapsteer-guest ready $(ls -d /sys/class/net/eth0/queues/rx-* | wc -l)"
while read -r -t 30 cmd arg; do
  case "$cmd" in
    ping) ;;
    stats) echo "tapsteer-guest $(guestctl stats eth0 2>&1)" ;;
    channels) echo "tapsteer-guest $(guestctl channels eth0 "$arg" 2>&1)" ;;
    off) break ;;
    "") ;;
    *) echo "tapsteer-guest error unknown request '$cmd': stats, channels N, off" ;;
  esac
done
poweroff -f
