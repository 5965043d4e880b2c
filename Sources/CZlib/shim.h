#ifndef RAYREC_CZLIB_SHIM_H
#define RAYREC_CZLIB_SHIM_H
#include <zlib.h>

/// zlib's init macros pass sizeof(z_stream); Swift cannot call macros, so wrap them.
static inline int czlib_inflate_init_gzip(z_stream *stream) {
  return inflateInit2(stream, 16 + MAX_WBITS);
}

static inline int czlib_deflate_init_gzip(z_stream *stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
#endif
