#ifndef RAYREC_CSNAPPY_SHIM_H
#define RAYREC_CSNAPPY_SHIM_H
/* Snappy's C interface: block-format compression, which remote write bodies use. */
#include <snappy-c.h>
#endif
