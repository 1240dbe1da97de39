"""The boot program of a container's operating system: PID 1.

:mod:`.boot` defines the boot description (what the OS model hands to PID 1),
:mod:`.activation` prepares /etc, accounts and directories, :mod:`.supervisor`
runs the services, :mod:`.control` answers ``status`` and ``stop`` on a Unix
socket.  ``python -m oscdsl.init DESCRIPTION.json`` runs it; nothing on that
path imports Lark, Hy or the evaluator.
"""
