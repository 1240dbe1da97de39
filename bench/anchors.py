"""The commands the container benchmarks compare against, defined once."""

# bubblewrap running /bin/true with mounts comparable to a system container.
BWRAP = [
    "bwrap", "--unshare-all", "--die-with-parent",
    "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib",
    "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
    "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "/bin/true",
]  # fmt: skip

# unshare(1) with every namespace but cgroup.
UNSHARE = [
    "unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork",
    "--ipc", "--uts", "--net", "/bin/true",
]  # fmt: skip
