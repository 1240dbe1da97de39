"""Gexps, monads and file-like objects: ``(guix gexp)``, ``(guix monads)``,
``(guix store)`` and ``(guix derivations)``.

:mod:`.scheme` registers the Scheme bindings and :mod:`.forms` the syntax;
:mod:`.lower` turns gexps and file-likes into store items and derivations;
:mod:`.launcher` is how the programs it builds find this interpreter.
"""
