"""Load test: 200 simulated users (locust) reading and writing through the API against `fazhi serve`.

Run `python -m bench.load --help`; see bench/load/README.md.
"""
