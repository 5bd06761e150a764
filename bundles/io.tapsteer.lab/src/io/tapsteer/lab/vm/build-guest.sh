#!/usr/bin/env bash
# Builds the lab guest from Debian packages: the cloud kernel (apt-get download) and an initramfs of
# busybox-static, the virtio-net modules of that kernel, guestctl (built here with gcc -static) and
# guest-init.sh as /init. Usage: build-guest.sh OUT_DIR, with guestctl.c and guest-init.sh in OUT_DIR;
# writes OUT_DIR/vmlinuz, OUT_DIR/initrd.gz and OUT_DIR/kernel-version.
set -euo pipefail
out=$(cd "$1" && pwd)
work="$out/work"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cd "$work"

pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')
[ -n "$pkg" ] || { echo "no Debian cloud kernel (apt-cache depends linux-image-cloud-amd64 names none): run apt-get update" >&2; exit 1; }
kver=${pkg#linux-image-}
# apt's sandbox user needs to write here
chmod 777 "$work"
apt-get download -q "$pkg" >&2
dpkg-deb -x "$pkg"_*.deb deb

busybox=/bin/busybox
[ -x "$busybox" ] && ! ldd "$busybox" >/dev/null 2>&1 \
  || { echo "$busybox is missing or not static: apt-get install busybox-static" >&2; exit 1; }

mkdir -p root/bin root/lib/modules root/proc root/sys root/dev
cp "$busybox" root/bin/busybox
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net; do
  f=$(find "deb/lib/modules/$kver" -name "$m.ko*" | head -1)
  [ -n "$f" ] || { echo "module $m is not in $pkg" >&2; exit 1; }
  case "$f" in
    *.ko) cp "$f" "root/lib/modules/$m.ko" ;;
    *.ko.xz) xz -dc "$f" > "root/lib/modules/$m.ko" ;;
    *.ko.zst) zstd -qdc "$f" > "root/lib/modules/$m.ko" ;;
    *) echo "module $f: unknown compression" >&2; exit 1 ;;
  esac
done
gcc -static -O2 -Wall -o root/bin/guestctl "$out/guestctl.c"
cp "$out/guest-init.sh" root/init
chmod 755 root/init
(cd root && find . | "$busybox" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -1 > "$out/initrd.gz.new"
cp "deb/boot/vmlinuz-$kver" "$out/vmlinuz.new"
mv "$out/initrd.gz.new" "$out/initrd.gz"
mv "$out/vmlinuz.new" "$out/vmlinuz"
echo "$kver" > "$out/kernel-version"
