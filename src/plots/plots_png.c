/* The charts' PNG writer (see plots_png.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "plots/plots_png.h"

#ifndef RS__PNG_LEVEL
#define RS__PNG_LEVEL 1 /* Z_BEST_SPEED: measured in docs/performance.md */
#endif
#ifndef RS__PNG_STRATEGY
#define RS__PNG_STRATEGY Z_DEFAULT_STRATEGY
#endif
#ifndef RS__PNG_FILTER
#define RS__PNG_FILTER 2 /* Up */
#endif

typedef struct {
  unsigned char *p;
  size_t n, cap;
} rs__pngbuf;

/* Room for NEED more bytes; 0, or -1 when memory is short. */
static int buf_room(rs__pngbuf *b, size_t need) {
  if (b->cap - b->n >= need) return 0;
  size_t cap = b->cap ? b->cap : 65536;
  while (cap - b->n < need) cap *= 2;
  unsigned char *q = realloc(b->p, cap);
  if (!q) return -1;
  b->p = q, b->cap = cap;
  return 0;
}

static void put32(unsigned char *q, uint32_t v) {
  q[0] = (unsigned char)(v >> 24), q[1] = (unsigned char)(v >> 16);
  q[2] = (unsigned char)(v >> 8), q[3] = (unsigned char)v;
}

/* Close the chunk whose 8-byte header (length, type) starts at AT: its length
 * and its CRC (over type and data) follow from what was appended since. */
static int chunk_end(rs__pngbuf *b, size_t at) {
  if (buf_room(b, 4)) return -1;
  size_t len = b->n - at - 8;
  put32(b->p + at, (uint32_t)len);
  uLong crc = crc32(0L, b->p + at + 4, (uInt)(len + 4));
  put32(b->p + b->n, (uint32_t)crc);
  b->n += 4;
  return 0;
}

static int chunk_begin(rs__pngbuf *b, const char *type, size_t *at) {
  if (buf_room(b, 8)) return -1;
  *at = b->n;
  memcpy(b->p + b->n + 4, type, 4);
  b->n += 8;
  return 0;
}

/* Feed LEN bytes to the deflate stream Z, whose output grows B. */
static int deflate_some(z_stream *z, rs__pngbuf *b, const unsigned char *in, size_t len,
                        int flush) {
  z->next_in = (Bytef *)in;
  z->avail_in = (uInt)len;
  for (;;) {
    if (buf_room(b, 65536)) return -1;
    z->next_out = b->p + b->n;
    z->avail_out = (uInt)(b->cap - b->n);
    int rc = deflate(z, flush);
    b->n = b->cap - z->avail_out;
    if (rc == Z_STREAM_END) return 0;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return -1;
    if (z->avail_in == 0 && z->avail_out > 0) return 0;
  }
}

/* The IDAT chunk: every row filtered (one filter byte, then the row), deflated. */
static int put_idat(rs__pngbuf *b, const unsigned char *rgb, int w, int h) {
  size_t row = (size_t)w * 3, at;
  unsigned char *line = malloc(row + 1);
  z_stream z;
  memset(&z, 0, sizeof z);
  if (!line || deflateInit2(&z, RS__PNG_LEVEL, Z_DEFLATED, 15, 8, RS__PNG_STRATEGY) != Z_OK) {
    free(line);
    return -1;
  }
  int rc = chunk_begin(b, "IDAT", &at);
  line[0] = RS__PNG_FILTER;
  for (int y = 0; y < h && rc == 0; y++) {
    const unsigned char *cur = rgb + (size_t)y * row;
    if (RS__PNG_FILTER == 2 && y > 0) {
      const unsigned char *up = cur - row;
      for (size_t i = 0; i < row; i++) line[1 + i] = (unsigned char)(cur[i] - up[i]);
    } else if (RS__PNG_FILTER == 1) {
      for (size_t i = 0; i < row; i++)
        line[1 + i] = (unsigned char)(cur[i] - (i >= 3 ? cur[i - 3] : 0));
    } else {
      memcpy(line + 1, cur, row);
    }
    rc = deflate_some(&z, b, line, row + 1, y + 1 == h ? Z_FINISH : Z_NO_FLUSH);
  }
  deflateEnd(&z);
  free(line);
  return rc ? rc : chunk_end(b, at);
}

int rs__png_encode(const unsigned char *rgb, int w, int h, unsigned char **out, size_t *len) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  *out = NULL, *len = 0;
  /* One IDAT chunk: its length must stay below 2^31 even when nothing compresses. */
  if (w <= 0 || h <= 0 || (uint64_t)w * 3 + 1 > (1u << 30) / (uint64_t)h) {
    errno = EINVAL;
    return -1;
  }
  rs__pngbuf b = {0};
  size_t at;
  int rc = buf_room(&b, 8 + 25);
  if (rc == 0) {
    memcpy(b.p, sig, 8);
    b.n = 8;
    rc = chunk_begin(&b, "IHDR", &at);
  }
  if (rc == 0) {
    /* width, height, bit depth 8, colour type 2 (RGB), deflate, filter set 0, no interlace */
    unsigned char *q = b.p + b.n;
    put32(q, (uint32_t)w), put32(q + 4, (uint32_t)h);
    q[8] = 8, q[9] = 2, q[10] = 0, q[11] = 0, q[12] = 0;
    b.n += 13;
    rc = chunk_end(&b, at);
  }
  if (rc == 0) rc = put_idat(&b, rgb, w, h);
  if (rc == 0) rc = chunk_begin(&b, "IEND", &at);
  if (rc == 0) rc = chunk_end(&b, at);
  if (rc) {
    free(b.p);
    errno = ENOMEM;
    return -1;
  }
  *out = b.p, *len = b.n;
  return 0;
}

int rs__png_write_fd(int fd, const unsigned char *rgb, int w, int h) {
  unsigned char *png;
  size_t len;
  if (rs__png_encode(rgb, w, h, &png, &len)) return -1;
  size_t off = 0;
  while (off < len) {
    ssize_t k = write(fd, png + off, len - off);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      int e = k < 0 ? errno : EIO;
      free(png);
      errno = e;
      return -1;
    }
    off += (size_t)k;
  }
  free(png);
  return 0;
}
