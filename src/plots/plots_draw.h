/* The generic drawing layer of the plots: a page (one PLplot stream drawing
 * into memory for PNG, or writing a temporary file for SVG and PDF; renamed
 * into place), a palette, axes with number, clock,
 * date and category labels, and primitives (lines, steps, bars, points, spans,
 * bands, heatmaps, legends). Charts are built from these only, so the compare,
 * sweep and forecast charts look like the run charts.
 * PLplot keeps process-wide state: use from one thread at a time. */
#ifndef RS__PLOTS_DRAW_H
#define RS__PLOTS_DRAW_H
#include "ridersim/ridersim.h"

#include "plots/series.h"
#define RS__PLOT_PATH RS__PLOT_PATH_MAX
#define RS__PLOT_TEXT 0.62 /* base text height relative to PLplot's default */
#define RS__PLOT_W 1200    /* page, px for PNG (points for SVG and PDF) */
#define RS__PLOT_H 700

/* Palette (cmap0 indices). Series colours are colour-blind safe (Okabe-Ito). */
enum {
  RS__C_BG = 0, RS__C_FG, RS__C_GRID, RS__C_BLUE, RS__C_ORANGE, RS__C_GREEN,
  RS__C_VERMILION, RS__C_PURPLE, RS__C_SKY, RS__C_YELLOW, RS__C_GREY,
  RS__C_SHADE,   /* translucent orange: holidays, spans */
  RS__C_BAND,    /* translucent blue: fan bands */
  RS__C_DARK,    /* near black for emphasis lines */
  RS__C_WHITE,
  RS__C_SHADE2,  /* translucent green: the Spring Festival travel season */
  RS__C_N
};
/* The I-th series colour (cycles). */
int rs__plot_series_color(int i);

/* How tick values of an axis are written. */
typedef enum {
  RS__AX_NONE,      /* no numeric labels (custom ticks are added by the chart) */
  RS__AX_PLAIN,     /* %g */
  RS__AX_THOUSANDS, /* 30,000 */
  RS__AX_CLOCK,     /* value in hours -> 06:00 */
  RS__AX_PERCENT    /* value in % -> 50% */
} rs__axfmt;

typedef struct rs__plot {
  char path[RS__PLOT_PATH];  /* final file */
  char tmp[RS__PLOT_PATH];   /* file being drawn */
  int stream, prev_stream, open;
  int vector;                /* svg or pdf */
  unsigned char *rgb;        /* PNG: the page's pixels, drawn by memcairo */
  double vp[4];              /* viewport margins as page fractions: left right bottom top */
  double win[4];             /* world window: xmin xmax ymin ymax */
  rs__axfmt fmt[2];          /* x, y label formats */
  double tick[2];            /* x, y major tick spacing; 0: PLplot chooses */
  double ch_mm, page_mm;     /* base text height and page width, mm */
} rs__plot;

/* Start a chart DIR/NAME.FORMAT (FORMAT "png", "svg" or "pdf"), drawn into a
 * temporary file. Page 1200x700 px for PNG, drawn into memory (PLplot's
 * memcairo) and written by plots_png.c when the page ends. */
int rs__plot_begin(rs__plot *p, const char *dir, const char *name, const char *format,
                   rs_diag *d);
/* Finish the page and rename the temporary file into place. */
int rs__plot_end(rs__plot *p, rs_diag *d);
/* Give up the page: end the stream and remove the temporary file. */
void rs__plot_abort(rs__plot *p);

/* Margins of the plot area (page fractions) for the next frame. */
void rs__plot_margins(rs__plot *p, double left, double right, double bottom, double top);
/* Major tick spacing of the numeric axes for the next frame (0: automatic;
 * clock axes default to 1, 2 or 3 hours by span). */
void rs__plot_ticks(rs__plot *p, double xtick, double ytick);
/* Widen the left margin so that the N labels of rs__plot_yticks fit. */
void rs__plot_fit_ylabels(rs__plot *p, int n, const char *const *label);
/* Estimated width of S at relative text size SIZE, as a page fraction. */
double rs__plot_text_width(const rs__plot *p, const char *s, double size);
/* Set viewport and world window and draw the light grid of the numeric axes
 * (only of those whose format is not RS__AX_NONE). Draw data after this. */
void rs__plot_frame(rs__plot *p, double x0, double x1, double y0, double y1,
                    rs__axfmt xf, rs__axfmt yf);
/* The frame box, ticks and numeric labels, on top of the data. */
void rs__plot_axes(rs__plot *p);
/* Title (top left, bold-ish), optional subtitle under it, axis titles. */
void rs__plot_titles(rs__plot *p, const char *title, const char *subtitle,
                     const char *xlabel, const char *ylabel);
/* Custom ticks at world positions, labels of one or two lines (L2 may be NULL
 * or hold NULLs). GRID draws light lines across the plot (call before data). */
void rs__plot_xticks(rs__plot *p, int n, const double *x, const char *const *l1,
                     const char *const *l2);
void rs__plot_yticks(rs__plot *p, int n, const double *y, const char *const *label);
void rs__plot_xgrid(rs__plot *p, int n, const double *x);
void rs__plot_ygrid(rs__plot *p, int n, const double *y);
/* A date axis: X in days since 1970-01-01 from D0 to D1; ticks at month starts
 * (weeks for short ranges, quarters for long ones), years under January.
 * With GRID, also the light vertical grid (call before data). */
void rs__plot_date_axis(rs__plot *p, double d0, double d1, int grid);

/* Primitives in world coordinates. STYLE 1 solid, 2.. dashed (PLplot pllsty). */
void rs__plot_line(int n, const double *x, const double *y, int color, double width,
                   int style);
/* Horizontal steps: y[i] over [x[i], x[i+1]); N+1 edges, N values. */
void rs__plot_steps(int n, const double *edges, const double *y, int color, double width,
                    int style);
/* Bars from 0 to y[i], centred at x[i] + OFFSET, of width W. */
void rs__plot_bars(int n, const double *x, const double *y, double w, double offset,
                   int color);
/* A filled rectangle. */
void rs__plot_rect(double x0, double x1, double y0, double y1, int color);
/* A span over the whole height of the window (e.g. a holiday). */
void rs__plot_span_x(const rs__plot *p, double x0, double x1, int color);
/* Markers: filled circles (SYMBOL 0) or diamonds (1), SIZE in character heights. */
void rs__plot_points(int n, const double *x, const double *y, int color, int symbol,
                     double size);
/* A band between LO and HI (fan charts). */
void rs__plot_band(int n, const double *x, const double *lo, const double *hi, int color);
/* Text at a world point; JUST 0 left, 0.5 centre, 1 right; SIZE relative. */
void rs__plot_text(double x, double y, double just, double size, int color, const char *s);
/* Heatmap: NX x NY cells, z[j*nx+i] over [i, i+1] x [j, j+1] in world
 * coordinates, coloured from ZMIN to ZMAX, with a colour bar titled BARLABEL at
 * the right; when ANNOTATE, each cell shows its value. Cells with NAN are blank. */
void rs__plot_heatmap(rs__plot *p, int nx, int ny, const double *z, double zmin,
                      double zmax, const char *barlabel, int annotate);

/* Legends. */
typedef enum { RS__LEG_LINE, RS__LEG_BOX, RS__LEG_POINT } rs__legkind;
typedef struct rs__legend_item {
  const char *text;
  rs__legkind kind;
  int color;
  int style;      /* line style */
  double width;   /* line width */
  int symbol;     /* RS__LEG_POINT: 0 circle, 1 diamond (as rs__plot_points) */
} rs__legend_item;
#define RS__LEGEND_MAX 16
/* POSITION: PL_POSITION_* flags: inside the plot area in a box (e.g. TOP|LEFT), or
 * with PL_POSITION_OUTSIDE one row above it (TOP|RIGHT|OUTSIDE). */
void rs__plot_legend(rs__plot *p, int n, const rs__legend_item *items, int position);

/* Helpers for charts. */
/* Is a CJK font installed (for Chinese station names)? */
int rs__plot_have_cjk(void);
/* "资阳北 Ziyangbei" when CJK, else "Ziyangbei"; falls back to whichever is non-empty. */
void rs__plot_station_label(char *buf, size_t size, const char *zh, const char *en, int cjk);
/* Round up to a "nice" axis maximum (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k). */
double rs__plot_nice_max(double v);
#endif
