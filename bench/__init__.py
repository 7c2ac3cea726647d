"""Benchmarks of issue #8 §2 (`make bench`, `python -m bench`): each figure against a floor measured in
the same run on the same machine. Not part of the test command. See bench/README.md."""
