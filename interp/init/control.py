"""The control socket of a running container, and the client that talks to it.

PID 1 listens on :data:`CONTROL_SOCKET` inside the container; the host
reaches it as ``/proc/PID/root/run/oscdsl/control``.  A client sends one
command line (``status`` or ``stop``) and reads back one line of JSON:
``{"services": [...]}`` for ``status``, ``{"stopping": true}`` for ``stop``,
or ``{"error": MESSAGE}``.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable

log = logging.getLogger(__name__)

CONTROL_SOCKET = "/run/oscdsl/control"
# Limitation: a client that connects and then sends nothing stalls PID 1 for
# this long, because requests are read in the supervisor's only thread.
REQUEST_TIMEOUT = 1.0
MAX_REQUEST = 4096


class ControlError(Exception):
    """Talking to a container's control socket failed; the message says why."""


class ControlServer:
    """A listening Unix socket whose requests HANDLER answers.

    HANDLER takes the command word and returns the JSON-ready reply.
    """

    def __init__(self, handler: Callable[[str], dict[str, object]]) -> None:
        self.handler = handler
        os.makedirs(os.path.dirname(CONTROL_SOCKET), mode=0o700, exist_ok=True)
        if os.path.lexists(CONTROL_SOCKET):
            os.unlink(CONTROL_SOCKET)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(CONTROL_SOCKET)
        # Only root (of the container, and the host's root) may stop it.
        os.chmod(CONTROL_SOCKET, 0o600)
        self.sock.listen(8)
        self.sock.setblocking(False)
        log.debug("listening on %s", CONTROL_SOCKET)

    def fileno(self) -> int:
        """Return the listening socket's file descriptor."""
        return self.sock.fileno()

    def accept(self) -> None:
        """Answer one pending connection, if any."""
        try:
            connection, _ = self.sock.accept()
        except BlockingIOError:
            return
        with connection:
            connection.settimeout(REQUEST_TIMEOUT)
            try:
                command = _read_line(connection)
                reply = self.handler(command)
                connection.sendall(json.dumps(reply).encode() + b"\n")
            except (OSError, ValueError) as error:
                log.warning("control request failed: %s", error)

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self.sock.close()
        try:
            os.unlink(CONTROL_SOCKET)
        except OSError:
            pass


def _read_line(connection: socket.socket) -> str:
    """Return the first line CONNECTION sends, without its newline."""
    data = b""
    while b"\n" not in data and len(data) < MAX_REQUEST:
        chunk = connection.recv(MAX_REQUEST)
        if not chunk:
            break
        data += chunk
    return data.partition(b"\n")[0].decode(errors="replace").strip()


# ---------------------------------------------------------------------------
# Client


def control_path(pid: int) -> str:
    """Return the host path of the control socket of the container of PID."""
    return f"/proc/{pid}/root{CONTROL_SOCKET}"


def request(pid: int, command: str, timeout: float = 5.0) -> dict[str, object]:
    """Send COMMAND to the container whose PID 1 (or a member) is PID; return the reply.

    Raise ControlError when there is no such process or no boot program
    listening.
    """
    if not os.path.isdir(f"/proc/{pid}"):
        raise ControlError(f"no such process: {pid}")
    path = control_path(pid)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(path)
            sock.sendall(command.encode() + b"\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        except FileNotFoundError:
            raise ControlError(
                f"process {pid} runs no oscdsl boot program ({path} is missing)"
            ) from None
        except OSError as error:
            message = f"cannot talk to {path}: {error.strerror or error}"
            raise ControlError(message) from None
    try:
        reply = json.loads(data)
    except ValueError:
        raise ControlError(f"{path} sent an unreadable reply: {data[:80]!r}") from None
    if "error" in reply:
        raise ControlError(f"process {pid}: {reply['error']}")
    return reply
