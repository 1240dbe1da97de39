"""Tests of the reader and the printer."""
