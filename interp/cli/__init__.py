"""The ``oscdsl`` command line."""
