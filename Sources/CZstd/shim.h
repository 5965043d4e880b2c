#ifndef RAYREC_CZSTD_SHIM_H
#define RAYREC_CZSTD_SHIM_H
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#endif
