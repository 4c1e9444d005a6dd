"""How a newsgraph process uses the machine, set before numpy is first imported: one BLAS thread,
and no transparent huge pages for numpy's arrays. A variable the user set is kept.

- A server answers many small requests at once (a layout of 40 actors, a few hundred rows) and
  runs several processes on a few cores, so OpenBLAS's own thread pool only fights them: on a
  2-core machine with the other core busy, a 40x40 eigen-decomposition took 12 ms, not 0.4 ms.
- numpy asks for huge pages for every array of 4 MB or more. Where the kernel then compacts
  memory to find them (transparent_hugepage "madvise"), each fresh array can stall: at 100,000
  articles one date-filter change spent 80-140 ms subtracting four arrays of 621,000 counts
  (10 ms without), and a server process holds whole 2 MB pages for half-used arrays.
"""
import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
