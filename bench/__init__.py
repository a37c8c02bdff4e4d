"""The portal's benchmarks, run with `.venv/bin/python -m bench` (see bench/__main__.py and
docs/benchmarks.md). They print figures beside floors measured in the same run; nothing
here asserts, and no test imports it."""
