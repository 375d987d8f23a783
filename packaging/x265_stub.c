/* A stand-in for libx265 in the bundle: Confab only decodes HEIC (libheif with libde265) and
 * never encodes HEVC, yet libheif links the 20 MB x265 encoder for its encoder plugin. These
 * are the two symbols libheif takes from it; with no encoder, libheif reports HEVC encoding
 * as unsupported. Built by packaging/confab.spec with the real library's soname. */
#include <stddef.h>

const void *x265_api_get_217(int bit_depth) {
    (void)bit_depth;
    return NULL;
}

void x265_cleanup(void) {}
