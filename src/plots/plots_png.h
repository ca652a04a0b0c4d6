/* The PNG writer of the charts: RGB pixels as PNG (signature, IHDR, IDAT,
 * IEND) deflated by zlib at its fastest setting.
 *
 * Cairo's own PNG writer (through libpng) chooses a filter per row by trying
 * all five and deflates at zlib's default level: two thirds of a chart's
 * cost. Charts are flat colour, thin lines and text on white; one fixed
 * filter (Up: a row minus the row above, so long runs of background become
 * zeros) with deflate level 1 gives files of about the same size at a
 * fraction of the time. The pixels are exactly those cairo drew. */
#ifndef RS__PLOTS_PNG_H
#define RS__PLOTS_PNG_H
#include <stddef.h>

/* Write W x H pixels RGB (3 bytes a pixel, rows top to bottom, no padding)
 * as an 8-bit RGB PNG to the open descriptor FD. 0 on success; -1 when a
 * write failed (errno set) or memory ran short (errno ENOMEM). */
int rs__png_write_fd(int fd, const unsigned char *rgb, int w, int h);

/* The same into memory: *OUT (malloc'ed, the caller frees) of *LEN bytes. */
int rs__png_encode(const unsigned char *rgb, int w, int h, unsigned char **out, size_t *len);
#endif
