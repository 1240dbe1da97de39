"""The operating system as a store item: its directory, /etc and boot program.

``(oscdsl system)`` makes operating-system records file-like: lowering one
builds the system directory (``boot``, ``boot.json``, ``etc``, ``profile``,
``parameters``, ``locale``) that ``container-script`` boots.
"""
