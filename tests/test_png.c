/* The charts' PNG writer (plots/plots_png.c) against a decoder written here:
 * the signature, every chunk's CRC (computed bit by bit, not by zlib's table),
 * IHDR's fields, IDAT inflated and unfiltered with any of PNG's five filters
 * back to exactly the pixels given, IEND last. Images: a 1x1, an odd size with
 * every byte value and noise (filters wrap modulo 256), and a chart-sized page
 * of white with lines and text-like specks. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "check.h"
#include "plots/plots_png.h"

/* CRC-32 of PNG (ISO 3309, polynomial 0xEDB88320 reflected), one bit at a time. */
static uint32_t crc_bits(const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

static uint32_t get32(const unsigned char *q) {
  return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
}

static int paeth(int a, int b, int c) {
  int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undo the filters of H rows of 1 + ROW bytes in RAW into OUT (H x ROW). */
static int unfilter(const unsigned char *raw, int h, size_t row, unsigned char *out) {
  for (int y = 0; y < h; y++) {
    const unsigned char *in = raw + (size_t)y * (row + 1) + 1;
    unsigned char *o = out + (size_t)y * row;
    const unsigned char *up = y ? o - row : NULL;
    int f = raw[(size_t)y * (row + 1)];
    if (f > 4) return -1;
    for (size_t i = 0; i < row; i++) {
      int a = i >= 3 ? o[i - 3] : 0, b = up ? up[i] : 0, c = (up && i >= 3) ? up[i - 3] : 0;
      int pred = f == 0 ? 0 : f == 1 ? a : f == 2 ? b : f == 3 ? (a + b) / 2 : paeth(a, b, c);
      o[i] = (unsigned char)(in[i] + pred);
    }
  }
  return 0;
}

/* Decode PNG (LEN bytes) and compare with the W x H RGB pixels it was made of.
 * 0 when everything holds; otherwise the number of the first check that failed. */
static int decode_matches(const unsigned char *png, size_t len, const unsigned char *rgb, int w,
                          int h) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (len < 8 || memcmp(png, sig, 8)) return 1;
  size_t pos = 8, idat_n = 0, row = (size_t)w * 3;
  unsigned char *idat = malloc(len);
  int seen_ihdr = 0, seen_iend = 0, bad = 0;
  while (!bad && pos + 12 <= len && !seen_iend) {
    uint32_t n = get32(png + pos);
    if (pos + 12 + n > len) { bad = 2; break; }
    const unsigned char *type = png + pos + 4, *body = type + 4;
    if (get32(body + n) != crc_bits(type, n + 4)) bad = 3;
    if (!memcmp(type, "IHDR", 4)) {
      seen_ihdr = pos == 8;
      if (n != 13 || get32(body) != (uint32_t)w || get32(body + 4) != (uint32_t)h || body[8] != 8 ||
          body[9] != 2 || body[10] || body[11] || body[12])
        bad = 4;
    } else if (!memcmp(type, "IDAT", 4)) {
      memcpy(idat + idat_n, body, n), idat_n += n;
    } else if (!memcmp(type, "IEND", 4)) {
      seen_iend = n == 0 && pos + 12 == len; /* the last chunk, nothing after it */
    }
    pos += 12 + n;
  }
  if (!bad && (!seen_ihdr || !seen_iend)) bad = 5;
  size_t rawlen = (size_t)h * (row + 1);
  unsigned char *raw = malloc(rawlen + 1), *pix = malloc((size_t)h * row);
  uLongf got = (uLongf)rawlen + 1;
  /* uncompress checks the zlib header and the Adler-32 of the data */
  if (!bad && (uncompress(raw, &got, idat, (uLong)idat_n) != Z_OK || got != rawlen)) bad = 6;
  if (!bad && unfilter(raw, h, row, pix)) bad = 7;
  if (!bad && memcmp(pix, rgb, (size_t)h * row)) bad = 8;
  free(idat), free(raw), free(pix);
  return bad;
}

static int roundtrip(const unsigned char *rgb, int w, int h) {
  unsigned char *png = NULL;
  size_t len = 0;
  if (rs__png_encode(rgb, w, h, &png, &len) != 0) return -1;
  int r = decode_matches(png, len, rgb, w, h);
  if (r) fprintf(stderr, "  %dx%d: decode check %d failed\n", w, h, r);
  free(png);
  return r;
}

/* A chart-like page: white, grid lines, a thick coloured line, dark specks. */
static void chart_page(unsigned char *p, int w, int h) {
  memset(p, 0xFF, (size_t)w * h * 3);
  for (int y = 50; y < h; y += 100)
    for (int x = 0; x < w; x++) memset(p + ((size_t)y * w + x) * 3, 225, 3);
  for (int x = 0; x < w; x++)
    for (int t = 0; t < 3; t++) {
      int y = h / 2 + (int)(200.0 * (x % 300) / 300.0) - 100 + t;
      unsigned char *q = p + ((size_t)y * w + x) * 3;
      q[0] = 0, q[1] = 114, q[2] = 178;
    }
  uint64_t s = 7;
  for (int k = 0; k < 4000; k++) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t i = (size_t)(s >> 33) % ((size_t)w * h);
    memset(p + i * 3, (int)(s >> 8 & 0xFF), 3);
  }
}

int main(void) {
  unsigned char one[3] = {12, 200, 255};
  CHECK(roundtrip(one, 1, 1) == 0);

  enum { W = 37, H = 23 };
  unsigned char odd[W * H * 3];
  uint64_t s = 1;
  for (int i = 0; i < W * H * 3; i++) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    odd[i] = i < 256 ? (unsigned char)i : (unsigned char)(s >> 56); /* every byte value, then noise */
  }
  CHECK(roundtrip(odd, W, H) == 0);

  int pw = 1200, ph = 700;
  unsigned char *page = malloc((size_t)pw * ph * 3);
  chart_page(page, pw, ph);
  CHECK(roundtrip(page, pw, ph) == 0);
  unsigned char *png;
  size_t len;
  CHECK(rs__png_encode(page, pw, ph, &png, &len) == 0);
  /* Compressed: mostly flat white, so far below the 2.5 MB of raw pixels. */
  CHECK(len < (size_t)pw * ph * 3 / 10);

  /* The same bytes through a file descriptor. */
  char path[] = "/tmp/test_png_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  CHECK(rs__png_write_fd(fd, page, pw, ph) == 0);
  unsigned char *back = malloc(len + 1);
  CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, back, len + 1) == (ssize_t)len);
  CHECK(memcmp(back, png, len) == 0);
  close(fd);
  unlink(path);
  /* A descriptor that cannot be written: -1 with errno, never a crash. */
  int ro = open("/dev/null", O_RDONLY);
  errno = 0;
  CHECK(rs__png_write_fd(ro, page, pw, ph) == -1 && errno == EBADF);
  close(ro);
  /* Sizes that are no image: refused, nothing allocated. */
  unsigned char *none = NULL;
  CHECK(rs__png_encode(page, 0, 5, &none, &len) == -1 && none == NULL);
  CHECK(rs__png_encode(page, 5, -1, &none, &len) == -1 && none == NULL);
  free(back);
  free(page);
  free(png);
  return check_done();
}
