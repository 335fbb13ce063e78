"""The ``evaltoolkit`` command line."""
