"""Bring network interfaces up inside a new network namespace.

A new network namespace holds only ``lo``, and it starts down.  One ioctl on an
ordinary socket raises it, which costs far less than importing a netlink
library.
"""

from __future__ import annotations

import fcntl
import logging
import socket
import struct

log = logging.getLogger(__name__)

SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1
IFNAMSIZ = 16

# struct ifreq: the interface name, then a union whose first member we use
# is the short ifr_flags; the union is 24 bytes on 64-bit Linux.
_IFREQ = struct.Struct(f"{IFNAMSIZ}sh22x")


def interface_flags(name: str) -> int:
    """Return the IFF_* flags of the interface called NAME."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = _IFREQ.pack(name.encode(), 0)
        reply = fcntl.ioctl(sock.fileno(), SIOCGIFFLAGS, request)
    return _IFREQ.unpack(reply)[1]


def set_interface_up(name: str) -> None:
    """Set the IFF_UP flag of the interface called NAME, keeping its other flags."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = _IFREQ.pack(name.encode(), 0)
        try:
            flags = _IFREQ.unpack(fcntl.ioctl(sock.fileno(), SIOCGIFFLAGS, request))[1]
            new_flags = flags | IFF_UP
            fcntl.ioctl(
                sock.fileno(), SIOCSIFFLAGS, _IFREQ.pack(name.encode(), new_flags)
            )
        except OSError as error:
            raise OSError(
                error.errno, f"cannot bring interface {name} up: {error.strerror}"
            ) from None
    log.debug("ioctl(SIOCSIFFLAGS, %s, %#x) = 0", name, new_flags)
