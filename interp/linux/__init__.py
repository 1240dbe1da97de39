"""The Linux core of oscdsl: namespaces, mounts and the container process tree.

:mod:`oscdsl.linux.syscalls` is the only module of the project that calls libc
directly; :mod:`oscdsl.linux.container` builds containers on top of it.  Both
stay free of Lark and Hy so that starting a container costs no parser imports.
"""
