/**
 * The Linux system interface other tapsteer bundles build on: the direct-mapped C library
 * ({@link io.tapsteer.tap.sys.LibC}), errno names and the one place errno becomes words
 * ({@link io.tapsteer.tap.sys.Errno}, {@link io.tapsteer.tap.sys.Errors}), and file descriptors
 * that close exactly once ({@link io.tapsteer.tap.sys.Fd}). Tap devices, namespaces and io_uring
 * stay inside the tap bundle; others reach them through the API's {@code TapService}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.tapsteer.tap.sys;
