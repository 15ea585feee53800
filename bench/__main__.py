"""`python -m bench ...` (or `make bench ARGS="..."`): the benchmark suites, kept out of the product package."""

from bench.cli import bench_group

if __name__ == "__main__":
    bench_group(prog_name="python -m bench")
