#!/usr/bin/env python3
"""Times the NumPy reference (masks_ref.py via attention_io.py) on the synthetic SD2-scale attention file that
MasksBenchmark writes (target/bench-masks), one thread, tensor decoding excluded, so its figures sit next to the
Java ones measured in the same session.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 src/test/python/bench_masks_ref.py --reference DIR \
        [--dir target/bench-masks] [--reps 3] [--skip-long]

DIR holds the NumPy reference implementation (masks_ref.py, attention_io.py), which is not distributed
with dsgen (docs/algorithms.md#reference). Prints ms per class per method
(median of --reps runs; PAMR with 5000 iterations runs once).
"""
import argparse
import os
import sys
import time

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")


def timed(fn, reps):
    """Median over reps of (wall ms, CPU ms) of fn()."""
    walls, cpus = [], []
    for _ in range(reps):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w0) * 1000.0)
        cpus.append((time.process_time() - c0) * 1000.0)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2], cpus[len(cpus) // 2]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", required=True, help="folder with masks_ref.py and attention_io.py")
    ap.add_argument("--dir", default="target/bench-masks")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--skip-long", action="store_true", help="skip PAMR with 5000 iterations")
    a = ap.parse_args(argv)
    sys.path.insert(0, os.path.abspath(a.reference))
    import numpy as np
    import attention_io as aio
    import masks_ref as mr

    af = aio.AttentionFile(os.path.join(a.dir, "attention.safetensors"))
    # decoding excluded: every tensor is widened to float64 once, before any timing
    cache = {}
    widen = af.get
    af.get = lambda name: cache[name] if name in cache else cache.setdefault(name, widen(name))
    image = aio.read_image(os.path.join(a.dir, "image.png"))
    R = af.R
    rows = []

    def method(name, runner, params):
        recipe = aio.resolve_recipe(name, R, params)
        runner(af, image, recipe["params"])
        rows.append((name, *timed(lambda: runner(af, image, recipe["params"]), a.reps)))
        return recipe

    method("seediff", aio.run_seediff_paper, {"pamr": "false"})
    chw = mr._rgb_chw(image)
    soft = aio.run_seediff_paper(af, image, aio.resolve_recipe("seediff", R, {"pamr": "false"})["params"])["soft"][0]
    rows.append(("pamr 6 dil x 10 (affinities incl.)",
                 *timed(lambda: mr.pamr(chw, soft, 10, (1, 2, 4, 8, 12, 24), 0.1), a.reps)))
    method("seediff-code", aio.run_seediff_code, {"pamr": "false"})
    if not a.skip_long:
        code = aio.run_seediff_code(af, image, aio.resolve_recipe("seediff-code", R, {"pamr": "false"})["params"])
        binary = (code["soft"][0] > 0.3).astype(np.float64)
        rows.append(("pamr 1 dil x 5000 (affinities incl.)",
                     *timed(lambda: mr.pamr(chw, binary, 5000, (1,), 0.2), 1)))
    method("dataset-diffusion", aio.run_dataset_diffusion, {})
    method("diffumask", aio.run_diffumask, {})
    print(f"NumPy {np.__version__} reference, one thread, decoding excluded, 1 class (ms, median of {a.reps}):")
    print(f"  {'':40s} {'wall':>10s} {'cpu':>10s}")
    for name, wall, cpu in rows:
        print(f"  {name:40s} {wall:10.1f} {cpu:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
