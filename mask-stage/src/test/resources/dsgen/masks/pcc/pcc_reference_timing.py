"""Times masks_ref's pcc on a dumped synthetic scene: blocky (class maps + clustering/voting + upsampling) and
refinement separately, on the scene SyntheticPccSceneDump wrote (the input of PccBenchmark). One thread:
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 pcc_reference_timing.py DIR_OF_masks_ref.py SCENE_DIR
Also saves ref_blocky.npy / ref_labels.npy into SCENE_DIR for a label comparison."""
import sys, time, os
import numpy as np
sys.path.insert(0, sys.argv[1])
import masks_ref as mr
d = sys.argv[2]
F = np.load(os.path.join(d, 'pcc_features.npy')).astype(np.float64)
ov = np.load(os.path.join(d, 'ovam.npy')).astype(np.float64)
img = np.load(os.path.join(d, 'image.npy'))
classes = [(int(l), [int(t) for t in toks.split(',')]) for l, toks in
           (line.split(':') for line in open(os.path.join(d, 'classes.txt')).read().split())]
R = ov.shape[1]; H = img.shape[0]; f = H // R
t0 = time.perf_counter(); p0 = time.process_time()
up = mr.resize_bilinear(ov, H, H)
pooled = up.reshape(ov.shape[0], R, f, R, f).sum(axis=(2, 4))
order = sorted(range(len(classes)), key=lambda i: classes[i][0])
act = np.stack([pooled[0]] + [pooled[classes[i][1]].max(axis=0) for i in order])
labels = [0] + [classes[i][0] for i in order]
blocky = mr.pcc_blocky(F, act, labels, R, None, (4, 7, 10), (0.3, 0.5, 0.8), 1.2, 0.56, H)
t1 = time.perf_counter(); p1 = time.process_time()
refined = mr.pcc_refine(img, blocky, None, 20, 10)
t2 = time.perf_counter(); p2 = time.process_time()
print(f"numpy reference: blocky {t1 - t0:.2f} s (cpu {p1 - p0:.2f} s), refinement {t2 - t1:.2f} s "
      f"(cpu {p2 - p1:.2f} s) (R={R}, F={F.shape[1]}, image {H}²)")
np.save(os.path.join(d, 'ref_blocky.npy'), blocky.astype(np.uint8))
np.save(os.path.join(d, 'ref_labels.npy'), refined.astype(np.uint8))
