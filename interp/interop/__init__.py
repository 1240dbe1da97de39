"""Interop with Python and Hy: Python modules and Hy files as Scheme modules."""
