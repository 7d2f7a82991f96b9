"""The patient's photos: the window that imports them (files, drag and drop, a camera when
there is one), the lazy thumbnail grid, and the comparison of two visits. Qt and ui.common;
services are imported inside the methods (and in workers) that use them."""
