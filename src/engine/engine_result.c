/* The per-day result record: allocation, reset, wait quantiles. */
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"

static size_t rs__sec_len(int nst) {
  return (size_t)RS__NDIR * (size_t)(nst > 1 ? nst - 1 : 1) * RS__HOURS;
}

int rs__day_result_alloc(rs__day_result *r, int nst) {
  memset(r, 0, sizeof *r);
  r->nst = nst;
  size_t nsh = (size_t)(nst > 0 ? nst : 1) * RS__HOURS;
  r->wait_hist = calloc(RS__WAIT_BINS, sizeof *r->wait_hist);
  r->board = calloc(nsh, sizeof *r->board);
  r->alight = calloc(nsh, sizeof *r->alight);
  r->sec_pax = calloc(rs__sec_len(nst), sizeof *r->sec_pax);
  r->sec_trains = calloc(rs__sec_len(nst), sizeof *r->sec_trains);
  if (!r->wait_hist || !r->board || !r->alight || !r->sec_pax || !r->sec_trains) {
    rs__day_result_free(r);
    return RS_ENOMEM;
  }
  return RS_OK;
}

void rs__day_result_free(rs__day_result *r) {
  free(r->wait_hist);
  free(r->board);
  free(r->alight);
  free(r->sec_pax);
  free(r->sec_trains);
  free(r->stop_board);
  free(r->stop_alight);
  free(r->stop_load);
  free(r->stop_denied);
  memset(r, 0, sizeof *r);
}

void rs__day_result_reset(rs__day_result *r) {
  rs__day_result_reset_sums(r);
  if (r->cap_stops > 0) {
    size_t n = (size_t)r->cap_stops * sizeof(double);
    memset(r->stop_board, 0, n);
    memset(r->stop_alight, 0, n);
    memset(r->stop_load, 0, n);
    memset(r->stop_denied, 0, n);
  }
}

void rs__day_result_reset_sums(rs__day_result *r) {
  int nst = r->nst;
  r->generated = r->delivered = r->stranded = r->denied_boardings = 0;
  r->after_service = 0;
  memset(r->by_purpose, 0, sizeof r->by_purpose);
  r->wait_sum_s = r->ride_sum_s = r->passenger_km = r->max_load_factor = 0;
  size_t nsh = (size_t)(nst > 0 ? nst : 1) * RS__HOURS;
  memset(r->wait_hist, 0, (size_t)r->wait_top * sizeof *r->wait_hist);
  r->wait_top = 0;
  memset(r->board, 0, nsh * sizeof *r->board);
  memset(r->alight, 0, nsh * sizeof *r->alight);
  memset(r->sec_pax, 0, rs__sec_len(nst) * sizeof *r->sec_pax);
  memset(r->sec_trains, 0, rs__sec_len(nst) * sizeof *r->sec_trains);
}

int rs__day_result_reserve_stops(rs__day_result *r, int nstops) {
  if (nstops <= r->cap_stops) return RS_OK;
  int cap = nstops + nstops / 4 + 16;
  double **arr[4] = {&r->stop_board, &r->stop_alight, &r->stop_load, &r->stop_denied};
  for (int i = 0; i < 4; i++) {
    double *p = realloc(*arr[i], (size_t)cap * sizeof *p);
    if (!p) return RS_ENOMEM;
    *arr[i] = p;
    /* The new part zeroed, as rs__day_result_reset leaves the rest. */
    memset(p + r->cap_stops, 0, (size_t)(cap - r->cap_stops) * sizeof *p);
  }
  r->cap_stops = cap;
  return RS_OK;
}

double rs__wait_quantile(const unsigned *hist, double q) {
  return rs__wait_quantile_top(hist, RS__WAIT_BINS, q);
}

double rs__wait_quantile_top(const unsigned *hist, int top, double q) {
  double total = 0;
  for (int i = 0; i < top; i++) total += hist[i];
  if (total <= 0) return 0; /* no delivered passenger: as the mean in rs_sim_summary */
  if (q < 0) q = 0;
  if (q > 1) q = 1;
  double target = q * total, cum = 0;
  for (int i = 0; i < top; i++) {
    if (hist[i] > 0 && cum + hist[i] >= target)
      return i + (target - cum) / hist[i]; /* waits spread evenly inside the bin */
    cum += hist[i];
  }
  return RS__WAIT_BINS;
}
