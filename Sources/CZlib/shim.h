#ifndef RAYREC_CZLIB_SHIM_H
#define RAYREC_CZLIB_SHIM_H
#include <zlib.h>
#endif
