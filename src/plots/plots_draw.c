/* The generic drawing layer: PLplot cairo streams, palette, axes, primitives. */
#define _GNU_SOURCE /* O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <plplot.h>
#include "base/datetime.h"
#include "base/diag.h"
#include "plots/plots_draw.h"
#include "base/fsafe.h"
#include "plots/plots_guard.h"
#include "plots/plots_png.h"
#include "plots/plots_charts.h"

/* Okabe-Ito colours plus neutrals; alpha for translucent fills. */
static const struct { int r, g, b; double a; } rs__palette[RS__C_N] = {
    [RS__C_BG] = {255, 255, 255, 1.0},      [RS__C_FG] = {34, 34, 34, 1.0},
    [RS__C_GRID] = {225, 225, 225, 1.0},    [RS__C_BLUE] = {0, 114, 178, 1.0},
    [RS__C_ORANGE] = {230, 159, 0, 1.0},    [RS__C_GREEN] = {0, 158, 115, 1.0},
    [RS__C_VERMILION] = {213, 94, 0, 1.0},  [RS__C_PURPLE] = {204, 121, 167, 1.0},
    [RS__C_SKY] = {86, 180, 233, 1.0},      [RS__C_YELLOW] = {240, 228, 66, 1.0},
    [RS__C_GREY] = {120, 120, 120, 1.0},    [RS__C_SHADE] = {230, 159, 0, 0.22},
    [RS__C_BAND] = {0, 114, 178, 0.18},     [RS__C_DARK] = {20, 20, 20, 1.0},
    [RS__C_SHADE2] = {0, 158, 115, 0.16},
    [RS__C_WHITE] = {255, 255, 255, 1.0},
};

int rs__plot_series_color(int i) {
  static const int order[] = {RS__C_BLUE, RS__C_VERMILION, RS__C_GREEN, RS__C_ORANGE,
                              RS__C_PURPLE, RS__C_SKY, RS__C_GREY, RS__C_YELLOW};
  int n = (int)(sizeof order / sizeof order[0]);
  return order[((i % n) + n) % n];
}

/* Tick labels through the axis format of the plot (PLplot label callback). */
static void label_cb(PLINT axis, PLFLT v, char *buf, PLINT len, PLPointer data) {
  const rs__plot *p = data;
  rs__axfmt f = p->fmt[axis == PL_Y_AXIS ? 1 : 0];
  size_t n = (size_t)len;
  if (fabs(v) < 1e-9) v = 0;
  switch (f) {
  case RS__AX_THOUSANDS: {
    char digits[32];
    double a = fabs(v);
    if (a >= 1e15 || a != floor(a)) {
      snprintf(buf, n, "%g", v);
      return;
    }
    snprintf(digits, sizeof digits, "%.0f", a);
    char out[48];
    size_t k = 0, nd = strlen(digits);
    if (v < 0) out[k++] = '-';
    for (size_t i = 0; i < nd; i++) {
      if (i > 0 && (nd - i) % 3 == 0) out[k++] = ',';
      out[k++] = digits[i];
    }
    out[k] = '\0';
    snprintf(buf, n, "%s", out);
    return;
  }
  case RS__AX_CLOCK: {
    long m = lround(v * 60.0);
    snprintf(buf, n, "%02ld:%02ld", m / 60, m % 60);
    return;
  }
  case RS__AX_PERCENT: snprintf(buf, n, "%g%%", v); return;
  case RS__AX_NONE: buf[0] = '\0'; return;
  default: snprintf(buf, n, "%g", v); return;
  }
}

int rs__plot_begin(rs__plot *p, const char *dir, const char *name, const char *format,
                   rs_diag *d) {
  memset(p, 0, sizeof *p);
  const char *dev;
  if (!format || strcmp(format, "png") == 0) format = "png", dev = "memcairo";
  else if (strcmp(format, "svg") == 0) dev = "svgcairo";
  else if (strcmp(format, "pdf") == 0) dev = "pdfcairo";
  else return rs__diag_add(d, RS_EUSAGE, NULL, 0, 0, "unknown plot format '%s' (png, svg, pdf)", format);
  p->vector = strcmp(format, "png") != 0;
  int n1 = snprintf(p->path, sizeof p->path, "%s/%s.%s", dir, name, format);
  char id[RS__RUNID_LEN + 1];
  rs__run_id(id);
  int n2 = snprintf(p->tmp, sizeof p->tmp, "%s/.%s.%s.tmp-%s", dir, name, format, id);
  if (n1 < 0 || n2 < 0 || (size_t)n2 >= sizeof p->tmp)
    return rs__diag_add(d, RS_ELIMIT, dir, 0, 0, "path too long");
  /* Named before it exists, so no instant has it on disk unknown to the
   * process that cleans up after a killed worker (plots_guard.h). Made here,
   * exclusively and not through a link, so PLplot opens our own file (when
   * it cannot open one, it asks for another name on stdin). */
  rs__plot_guard_announce(p->tmp);
  int fd = open(p->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) {
    int e = errno;
    p->tmp[0] = 0;
    return rs__diag_add(d, RS_EIO, p->path, 0, 0, "cannot create the chart: %s", strerror(e));
  }
  close(fd);
  rs__plot_guard_file(p->tmp, NULL); /* removed if PLplot fails from here on */
  if (!p->vector) {
    /* memcairo draws over what the buffer holds (it paints no background):
     * white, the palette's RS__C_BG, as pngcairo's page starts. */
    p->rgb = malloc((size_t)RS__PLOT_W * RS__PLOT_H * 3);
    if (!p->rgb) {
      unlink(p->tmp);
      return rs__diag_add(d, RS_ENOMEM, p->path, 0, 0, "out of memory for the chart");
    }
    memset(p->rgb, 0xFF, (size_t)RS__PLOT_W * RS__PLOT_H * 3);
  }
  /* A fresh stream, so a caller's own PLplot stream is left as it was. */
  plgstrm(&p->prev_stream);
  plmkstrm(&p->stream);
  plsdev(dev);
  if (p->rgb) plsmem(RS__PLOT_W, RS__PLOT_H, p->rgb);
  else plsfnam(p->tmp);
  rs__plot_guard_file(p->tmp, p->rgb);
  /* Cairo pages are in pixels for PNG and points for SVG/PDF: the same
   * 1200x700 layout either way, text in proportion. */
  plspage(0, 0, RS__PLOT_W, RS__PLOT_H, 0, 0);
  plscolbg(255, 255, 255);
  plscmap0n(RS__C_N);
  for (int i = 0; i < RS__C_N; i++)
    plscol0a(i, rs__palette[i].r, rs__palette[i].g, rs__palette[i].b, rs__palette[i].a);
  plinit();
  p->open = 1;
  pladv(0);
  plslabelfunc(label_cb, p);
  /* Every later plschr(0, k) is relative to this base: text fits a
   * 1200x700 page read at 100%. */
  PLFLT def, ht;
  plgchr(&def, &ht);
  plschr(def * RS__PLOT_TEXT, 1.0);
  PLFLT x0, x1, y0, y1;
  plgspa(&x0, &x1, &y0, &y1);
  p->ch_mm = def * RS__PLOT_TEXT;
  p->page_mm = x1 - x0;
  rs__plot_margins(p, 0.085, 0.975, 0.13, 0.88);
  return RS_OK;
}

static void finish_stream(rs__plot *p) {
  if (!p->open) return;
  plslabelfunc(NULL, NULL);
  plend1();
  plsstrm(p->prev_stream);
  p->open = 0;
}

/* The pixels of a PNG page into its temporary file; RS_OK or RS_EIO. */
static int write_png(rs__plot *p, rs_diag *d) {
  int fd = open(p->tmp, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
  int rc = fd < 0 ? -1 : rs__png_write_fd(fd, p->rgb, RS__PLOT_W, RS__PLOT_H);
  int e = errno;
  if (fd >= 0 && close(fd) != 0 && rc == 0) rc = -1, e = errno;
  free(p->rgb);
  p->rgb = NULL;
  if (rc == 0) return RS_OK;
  unlink(p->tmp);
  return rs__diag_add(d, RS_EIO, p->path, 0, 0,
                      "chart not written whole (%s); the earlier file, if any, is kept", strerror(e));
}

int rs__plot_end(rs__plot *p, rs_diag *d) {
  finish_stream(p);
  rs__plot_guard_file(NULL, NULL);
  if (p->rgb && write_png(p, d) != RS_OK) return RS_EIO;
  /* Cairo does not report a failed write (a full disk): a chart is committed
   * only when its file ends as a whole one does, else the earlier one stays. */
  const char *ext = strrchr(p->path, '.');
  if (!ext || !rs__plot_file_whole(p->tmp, ext + 1)) {
    unlink(p->tmp);
    return rs__diag_add(d, RS_EIO, p->path, 0, 0,
                        "chart not written whole (disk full?); the earlier file, if any, is kept");
  }
  if (rename(p->tmp, p->path) != 0) {
    int e = errno;
    unlink(p->tmp);
    return rs__diag_add(d, RS_EIO, p->path, 0, 0, "cannot rename into place: %s", strerror(e));
  }
  return RS_OK;
}

void rs__plot_abort(rs__plot *p) {
  finish_stream(p);
  rs__plot_guard_file(NULL, NULL);
  free(p->rgb);
  p->rgb = NULL;
  if (p->tmp[0]) unlink(p->tmp);
}

void rs__plot_margins(rs__plot *p, double left, double right, double bottom, double top) {
  p->vp[0] = left, p->vp[1] = right, p->vp[2] = bottom, p->vp[3] = top;
}

void rs__plot_ticks(rs__plot *p, double xtick, double ytick) {
  p->tick[0] = xtick, p->tick[1] = ytick;
}

double rs__plot_text_width(const rs__plot *p, const char *s, double size) {
  /* Widths in text heights, measured on DejaVu Sans and WenQuanYi Micro Hei
   * renders, rounded up: Latin 0.75, CJK (3-byte UTF-8 and wider) 1.6. */
  double em = 0;
  for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
    if (*c < 0x80) em += 0.75;
    else if (*c >= 0xE0) em += 1.6;
    else if (*c >= 0xC0) em += 0.75; /* 2-byte: accented Latin, Greek */
  }
  return em * p->ch_mm * size / (p->page_mm > 0 ? p->page_mm : 1);
}

void rs__plot_fit_ylabels(rs__plot *p, int n, const char *const *label) {
  double w = 0;
  for (int i = 0; i < n; i++)
    if (label[i]) w = fmax(w, rs__plot_text_width(p, label[i], 1.0));
  double need = w + 0.8 * p->ch_mm / p->page_mm + 0.02;
  if (need > p->vp[0]) p->vp[0] = fmin(need, 0.45);
}

void rs__plot_frame(rs__plot *p, double x0, double x1, double y0, double y1,
                    rs__axfmt xf, rs__axfmt yf) {
  if (xf == RS__AX_CLOCK && p->tick[0] == 0) {
    double span = x1 - x0;
    p->tick[0] = span <= 8 ? 1 : span <= 20 ? 2 : 3;
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  p->win[0] = x0, p->win[1] = x1, p->win[2] = y0, p->win[3] = y1;
  p->fmt[0] = xf, p->fmt[1] = yf;
  plvpor(p->vp[0], p->vp[1], p->vp[2], p->vp[3]);
  plwind(x0, x1, y0, y1);
  plcol0(RS__C_GRID);
  plwidth(1.0);
  pllsty(1);
  plbox(xf != RS__AX_NONE ? "g" : "", p->tick[0], 0, yf != RS__AX_NONE ? "g" : "", p->tick[1], 0);
}

void rs__plot_axes(rs__plot *p) {
  plcol0(RS__C_FG);
  plwidth(1.2);
  pllsty(1);
  plschr(0, 1.0);
  plbox("bc", 0, 0, "bc", 0, 0);
  /* Ticks and labels on the bottom and left edges only. */
  plbox(p->fmt[0] != RS__AX_NONE ? "bnto" : "", p->tick[0], 0,
        p->fmt[1] != RS__AX_NONE ? "bntvo" : "", p->tick[1], 0);
}

void rs__plot_titles(rs__plot *p, const char *title, const char *subtitle,
                     const char *xlabel, const char *ylabel) {
  plcol0(RS__C_FG);
  /* Title flush with the left edge of the page margin, not centred: it reads
   * first and leaves room for the legend. */
  if (title) {
    plschr(0, 1.45);
    plmtex("t", subtitle ? 2.6 : 1.4, 0.0, 0.0, title);
  }
  if (subtitle) {
    plschr(0, 1.0);
    plcol0(RS__C_GREY);
    plmtex("t", 1.2, 0.0, 0.0, subtitle);
    plcol0(RS__C_FG);
  }
  plschr(0, 1.1);
  if (xlabel) plmtex("b", 3.4, 0.5, 0.5, xlabel);
  if (ylabel) plmtex("l", 6.6, 0.5, 0.5, ylabel);
  plschr(0, 1.0);
}

void rs__plot_xgrid(rs__plot *p, int n, const double *x) {
  plcol0(RS__C_GRID);
  plwidth(1.0);
  for (int i = 0; i < n; i++) pljoin(x[i], p->win[2], x[i], p->win[3]);
}

void rs__plot_ygrid(rs__plot *p, int n, const double *y) {
  plcol0(RS__C_GRID);
  plwidth(1.0);
  for (int i = 0; i < n; i++) pljoin(p->win[0], y[i], p->win[1], y[i]);
}

void rs__plot_xticks(rs__plot *p, int n, const double *x, const char *const *l1,
                     const char *const *l2) {
  double w = p->win[1] - p->win[0], tick = 0.012 * (p->win[3] - p->win[2]);
  plcol0(RS__C_FG);
  plwidth(1.2);
  plschr(0, 1.0);
  for (int i = 0; i < n; i++) {
    if (x[i] < p->win[0] - 1e-9 || x[i] > p->win[1] + 1e-9) continue;
    pljoin(x[i], p->win[2], x[i], p->win[2] + tick);
    double pos = (x[i] - p->win[0]) / w;
    if (l1 && l1[i]) plmtex("b", 1.7, pos, 0.5, l1[i]);
    if (l2 && l2[i]) plmtex("b", 3.0, pos, 0.5, l2[i]);
  }
}

void rs__plot_yticks(rs__plot *p, int n, const double *y, const char *const *label) {
  double h = p->win[3] - p->win[2], tick = 0.008 * (p->win[1] - p->win[0]);
  plcol0(RS__C_FG);
  plwidth(1.2);
  plschr(0, 1.0);
  for (int i = 0; i < n; i++) {
    if (y[i] < p->win[2] - 1e-9 || y[i] > p->win[3] + 1e-9) continue;
    pljoin(p->win[0], y[i], p->win[0] + tick, y[i]);
    if (label && label[i]) plmtex("lv", 0.8, (y[i] - p->win[2]) / h, 1.0, label[i]);
  }
}

void rs__plot_date_axis(rs__plot *p, double d0, double d1, int grid) {
  static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  enum { MAXT = 64 };
  double x[MAXT];
  char l1s[MAXT][16], l2s[MAXT][8];
  const char *l1[MAXT], *l2[MAXT];
  int n = 0, y, m, dd;
  double span = d1 - d0;
  if (span <= 70) { /* weekly ticks on Mondays: "Oct 7" */
    int32_t t = (int32_t)ceil(d0);
    while (rs__weekday(t) != 0) t++;
    int lasty = -1;
    for (; t <= d1 && n < MAXT; t += 7, n++) {
      rs__civil_from_days(t, &y, &m, &dd);
      x[n] = t;
      snprintf(l1s[n], sizeof l1s[n], "%s %d", mon[m - 1], dd);
      snprintf(l2s[n], sizeof l2s[n], "%d", y);
      l1[n] = l1s[n];
      l2[n] = (y != lasty) ? l2s[n] : NULL;
      lasty = y;
    }
  } else if (span > 2200) { /* long runs: years on one line, every STEP years */
    int step = span <= 5500 ? 1 : span <= 11000 ? 2 : 5;
    rs__civil_from_days((int32_t)ceil(d0), &y, &m, &dd);
    if (m > 1 || dd > 1) y++;
    while (y % step) y++;
    for (; n < MAXT; y += step) {
      double t = rs__days_from_civil(y, 1, 1);
      if (t > d1) break;
      x[n] = t;
      snprintf(l1s[n], sizeof l1s[n], "%d", y);
      l1[n] = l1s[n];
      l2[n] = NULL;
      n++;
    }
  } else { /* month starts, every STEP months */
    int step = span <= 550 ? 1 : span <= 1100 ? 2 : 3;
    rs__civil_from_days((int32_t)floor(d0), &y, &m, &dd);
    if (dd > 1) m++;
    if (m > 12) m = 1, y++;
    while ((m - 1) % step) {
      if (++m > 12) m = 1, y++;
    }
    int lasty = -1;
    for (;;) {
      double t = rs__days_from_civil(y, m, 1);
      if (t > d1 || n >= MAXT) break;
      x[n] = t;
      snprintf(l1s[n], sizeof l1s[n], "%s", mon[m - 1]);
      snprintf(l2s[n], sizeof l2s[n], "%d", y);
      l1[n] = l1s[n];
      l2[n] = (y != lasty) ? l2s[n] : NULL;
      lasty = y;
      n++;
      m += step;
      while (m > 12) m -= 12, y++;
    }
  }
  if (grid) {
    rs__plot_xgrid(p, n, x);
    return;
  }
  rs__plot_xticks(p, n, x, l1, l2);
}

void rs__plot_line(int n, const double *x, const double *y, int color, double width,
                   int style) {
  if (n < 1) return;
  plcol0(color);
  plwidth(width);
  pllsty(style > 0 ? style : 1);
  plline(n, x, y);
  pllsty(1);
}

void rs__plot_steps(int n, const double *edges, const double *y, int color, double width,
                    int style) {
  plcol0(color);
  plwidth(width);
  pllsty(style > 0 ? style : 1);
  for (int i = 0; i < n; i++) {
    pljoin(edges[i], y[i], edges[i + 1], y[i]);
    if (i + 1 < n) pljoin(edges[i + 1], y[i], edges[i + 1], y[i + 1]);
  }
  pllsty(1);
}

void rs__plot_rect(double x0, double x1, double y0, double y1, int color) {
  double xs[4] = {x0, x1, x1, x0}, ys[4] = {y0, y0, y1, y1};
  plcol0(color);
  plfill(4, xs, ys);
}

void rs__plot_bars(int n, const double *x, const double *y, double w, double offset,
                   int color) {
  for (int i = 0; i < n; i++) {
    if (!isfinite(y[i])) continue;
    double c = x[i] + offset;
    rs__plot_rect(c - w / 2, c + w / 2, 0, y[i], color);
  }
}

void rs__plot_span_x(const rs__plot *p, double x0, double x1, int color) {
  rs__plot_rect(x0, x1, p->win[2], p->win[3], color);
}

void rs__plot_points(int n, const double *x, const double *y, int color, int symbol,
                     double size) {
  plcol0(color);
  plschr(0, size);
  /* UTF-8 glyphs: the cairo text path draws them as crisp filled shapes. */
  plstring(n, x, y, symbol == 1 ? "◆" : "●");
  plschr(0, 1.0);
}

void rs__plot_band(int n, const double *x, const double *lo, const double *hi, int color) {
  if (n < 2) return;
  plcol0(color);
  /* One polygon (lower edge out, upper edge back): quads side by side overlap
   * at their antialiased seams, and a translucent band then shows dark stripes
   * that its legend swatch does not have. Quads only when memory is short. */
  double *xs = malloc(4 * (size_t)n * sizeof *xs), *ys = xs ? xs + 2 * (size_t)n : NULL;
  if (xs) {
    for (int i = 0; i < n; i++) {
      xs[i] = x[i], ys[i] = lo[i];
      xs[2 * n - 1 - i] = x[i], ys[2 * n - 1 - i] = hi[i];
    }
    plfill(2 * n, xs, ys);
    free(xs);
    return;
  }
  for (int i = 0; i + 1 < n; i++) {
    double qx[4] = {x[i], x[i + 1], x[i + 1], x[i]};
    double qy[4] = {lo[i], lo[i + 1], hi[i + 1], hi[i]};
    plfill(4, qx, qy);
  }
}

void rs__plot_text(double x, double y, double just, double size, int color, const char *s) {
  plcol0(color);
  plschr(0, size);
  plptex(x, y, 1.0, 0.0, just, s);
  plschr(0, 1.0);
}

void rs__plot_heatmap(rs__plot *p, int nx, int ny, const double *z, double zmin,
                      double zmax, const char *barlabel, int annotate) {
  /* Light yellow to dark blue (YlGnBu), readable in grey too. */
  PLFLT pos[4] = {0.0, 0.35, 0.7, 1.0};
  PLFLT r[4] = {1.0, 0.50, 0.13, 0.03}, g[4] = {1.0, 0.80, 0.37, 0.11},
        b[4] = {0.85, 0.73, 0.66, 0.35};
  plscmap1n(256);
  plscmap1l(1, 4, pos, r, g, b, NULL);
  double range = zmax > zmin ? zmax - zmin : 1;
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++) {
      double v = z[(size_t)j * (size_t)nx + (size_t)i];
      if (!isfinite(v)) continue;
      double t = (v - zmin) / range;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      double xs[4] = {i, i + 1, i + 1, i}, ys[4] = {j, j, j + 1, j + 1};
      plcol1(t);
      plfill(4, xs, ys);
      if (annotate) {
        char s[40];
        if (fabs(v) >= 1000) rs__plots_fmt_int(v, s, sizeof s); /* 12,345,678 */
        else snprintf(s, sizeof s, fabs(v) >= 100 ? "%.0f" : "%.1f", v);
        rs__plot_text(i + 0.5, j + 0.5 - 0.12, 0.5, 0.72, t > 0.55 ? RS__C_WHITE : RS__C_FG, s);
      }
    }
  /* Cell borders in white make the grid readable. */
  plcol0(RS__C_WHITE);
  plwidth(1.0);
  for (int i = 0; i <= nx; i++) pljoin(i, 0, i, ny);
  for (int j = 0; j <= ny; j++) pljoin(0, j, nx, j);
  /* Colour bar drawn from rectangles: PLplot's gradient colour bar leaks a
   * cairo pattern per call (PLplot 5.15). */
  double z1 = zmax > zmin ? zmax : zmin + 1, dz = (z1 - zmin) / 64;
  plvpor(p->vp[1] + 0.015, p->vp[1] + 0.035, p->vp[2], p->vp[3]);
  plwind(0, 1, zmin, z1);
  for (int k = 0; k < 64; k++) {
    plcol1((k + 0.5) / 64);
    double xs[4] = {0, 1, 1, 0}, ys[4] = {zmin + k * dz, zmin + k * dz, zmin + (k + 1) * dz + dz * 0.05, zmin + (k + 1) * dz + dz * 0.05};
    plfill(4, xs, ys);
  }
  rs__axfmt keep = p->fmt[1];
  p->fmt[1] = RS__AX_THOUSANDS; /* the bar's value axis uses the y label callback */
  plcol0(RS__C_FG);
  plwidth(1.0);
  plschr(0, 0.9);
  plbox("bc", 0, 0, "bcmtvo", 0, 0);
  if (barlabel) plmtex("r", 5.5, 0.5, 0.5, barlabel);
  plschr(0, 1.0);
  p->fmt[1] = keep;
  plvpor(p->vp[0], p->vp[1], p->vp[2], p->vp[3]);
  plwind(p->win[0], p->win[1], p->win[2], p->win[3]);
}

void rs__plot_legend(rs__plot *p, int n, const rs__legend_item *items, int position) {
  if (n <= 0) return;
  if (n > RS__LEGEND_MAX) n = RS__LEGEND_MAX;
  PLINT opt[RS__LEGEND_MAX], tcol[RS__LEGEND_MAX], bcol[RS__LEGEND_MAX], bpat[RS__LEGEND_MAX],
      lcol[RS__LEGEND_MAX], lsty[RS__LEGEND_MAX], scol[RS__LEGEND_MAX], snum[RS__LEGEND_MAX];
  PLFLT bscale[RS__LEGEND_MAX], bw[RS__LEGEND_MAX], lw[RS__LEGEND_MAX], sscale[RS__LEGEND_MAX];
  const char *text[RS__LEGEND_MAX], *sym[RS__LEGEND_MAX];
  for (int i = 0; i < n; i++) {
    const rs__legend_item *it = &items[i];
    opt[i] = it->kind == RS__LEG_BOX ? PL_LEGEND_COLOR_BOX
             : it->kind == RS__LEG_POINT ? PL_LEGEND_SYMBOL
                                         : PL_LEGEND_LINE;
    text[i] = it->text;
    tcol[i] = RS__C_FG;
    bcol[i] = lcol[i] = scol[i] = it->color;
    bpat[i] = 0;
    bscale[i] = 0.9;
    bw[i] = 1;
    lsty[i] = it->style > 0 ? it->style : 1;
    lw[i] = it->width > 0 ? it->width : 2.0;
    sscale[i] = 1.0;
    snum[i] = 1;
    sym[i] = it->symbol == 1 ? "◆" : "●";
  }
  PLFLT w, h;
  /* Outside: one row above the plot area, right-aligned, no box. */
  int outside = (position & PL_POSITION_OUTSIDE) != 0;
  plschr(0, 0.95);
  pllegend(&w, &h, outside ? PL_LEGEND_ROW_MAJOR : PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           outside ? PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_INSIDE | PL_POSITION_SUBPAGE
                   : position | PL_POSITION_INSIDE | PL_POSITION_VIEWPORT,
           outside ? 1.0 - p->vp[1] : 0.015, outside ? 0.035 : 0.02, outside ? 0.035 : 0.05, RS__C_BG, RS__C_GRID, 1,
           outside ? 1 : 0, outside ? n : 0, n, opt, 0.8, 1.0, 1.8, 0.0, tcol, text, bcol,
           bpat, bscale, bw, lcol, lsty, lw, scol, sscale, snum, sym);
  plschr(0, 1.0);
  (void)p;
}

int rs__plot_have_cjk(void) {
  /* Font files of the common CJK packages (fonts-wqy-*, fonts-noto-cjk,
   * fonts-arphic-*, Droid fallback); fontconfig finds them by fallback. */
  static const char *const files[] = {
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
      "/usr/share/fonts/truetype/arphic/uming.ttc",
      "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
      "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
      "/System/Library/Fonts/PingFang.ttc",
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    if (access(files[i], R_OK) == 0) return 1;
  return 0;
}

void rs__plot_station_label(char *buf, size_t size, const char *zh, const char *en, int cjk) {
  int hz = zh && zh[0], he = en && en[0];
  if (cjk && hz && he) snprintf(buf, size, "%s %s", zh, en);
  else if (he) snprintf(buf, size, "%s", en);
  else if (hz && cjk) snprintf(buf, size, "%s", zh);
  else snprintf(buf, size, "?");
}

double rs__plot_nice_max(double v) {
  if (!(v > 0) || !isfinite(v)) return 1;
  double e = pow(10, floor(log10(v))), f = v / e;
  static const double steps[] = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
  double n = 10;
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
    if (f <= steps[i] * (1 + 1e-12)) {
      n = steps[i];
      break;
    }
  return n * e;
}
