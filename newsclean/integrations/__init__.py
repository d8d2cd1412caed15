"""Thin adapters for distributed engines.

A :class:`~newsclean.Cleaner` pickles as its options, so any engine that ships
functions to workers (multiprocessing, Dask, Spark, Ray, datatrove) can use it
directly.  The helpers here make the common cases one line.
"""
