/* Multinomial logit, elasticities and day-to-day learning. */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "model/choice.h"
#include "ridersim/ridersim.h"

static const char *const rs__attr_names[RS__NATTR] = {"ivt",       "wait", "walk",
                                                       "transfers", "cost", "crowding"};

const char *rs__attr_name(int k) { return (k >= 0 && k < RS__NATTR) ? rs__attr_names[k] : "?"; }

int rs__attr_parse(const char *name) {
  for (int k = 0; name && k < RS__NATTR; k++)
    if (strcmp(name, rs__attr_names[k]) == 0) return k;
  return -1;
}

double rs__logit_utility(double asc, const double beta[RS__NATTR], const double x[RS__NATTR]) {
  double v = asc;
  for (int k = 0; k < RS__NATTR; k++)
    if (beta[k] != 0) v += beta[k] * x[k]; /* a zero beta ignores its attribute, even if inf */
  return v;
}

/* AVAIL[i] is the int at byte offset i*STRIDE from AVAIL (NULL: all
 * available), so both a plain flag array and rs__mode_alt.available work. */
static int rs__logit_core(const double *v, const int *avail, size_t stride, int m, double *p) {
#define RS__AVAIL(i) (!avail || *(const int *)(const void *)((const char *)avail + (size_t)(i) * stride))
  double vmax = -INFINITY;
  int n = 0, bad = 0;
  for (int i = 0; i < m; i++) {
    p[i] = 0;
    if (!RS__AVAIL(i)) continue;
    if (isnan(v[i])) bad = 1;
    else if (v[i] > vmax) vmax = v[i];
    n++;
  }
  if (!n || bad) {
    for (int i = 0; i < m; i++) p[i] = 0;
    return RS_EINVAL;
  }
  /* An infinite maximum (every available V at -inf, or some at +inf): the
   * limit shares equally among the modes at the maximum. */
  double sum = 0;
  for (int i = 0; i < m; i++) {
    if (!RS__AVAIL(i)) continue;
    p[i] = isinf(vmax) ? (v[i] == vmax) : exp(v[i] - vmax);
    sum += p[i];
  }
#undef RS__AVAIL
  for (int i = 0; i < m; i++) p[i] /= sum; /* sum >= 1: the maximum contributes 1 */
  return RS_OK;
}

int rs__logit_probs(const double *v, const int *avail, int m, double *p) {
  if (m < 1 || !v || !p) return RS_EINVAL;
  return rs__logit_core(v, avail, sizeof *avail, m, p);
}

int rs__logit_choice(const rs__mode_alt *modes, int m, const double beta[RS__NATTR],
                     double *v, double *p) {
  if (m < 1 || !modes || !beta || !v || !p) return RS_EINVAL;
  for (int i = 0; i < m; i++) v[i] = rs__logit_utility(modes[i].asc, beta, modes[i].x);
  return rs__logit_core(v, &modes[0].available, sizeof *modes, m, p);
}

int rs__nested_logit_probs(const double *v, const int *avail, const int *nest, int m,
                           double lambda, double *p) {
  if (m < 1 || m > 64 || !v || !nest || !p || !(lambda > 0 && lambda <= 1)) return RS_EINVAL;
  double vn[64], top[65];
  int an[64], atop[65], nin = 0;
  for (int i = 0; i < m; i++) {
    p[i] = 0;
    int av = !avail || avail[i];
    if (av && !isfinite(v[i])) return RS_EINVAL;
    vn[i] = v[i] / lambda;
    an[i] = av && nest[i];
    nin += an[i];
  }
  double pin[64];
  /* the upper level: the nest (slot m) and the modes outside it */
  for (int i = 0; i < m; i++) {
    top[i] = v[i];
    atop[i] = (!avail || avail[i]) && !nest[i];
  }
  atop[m] = nin > 0;
  top[m] = 0;
  if (nin > 0) {
    if (rs__logit_core(vn, an, sizeof *an, m, pin) != RS_OK) return RS_EINVAL;
    double mx = -INFINITY, sum = 0;
    for (int i = 0; i < m; i++)
      if (an[i] && vn[i] > mx) mx = vn[i];
    for (int i = 0; i < m; i++)
      if (an[i]) sum += exp(vn[i] - mx);
    top[m] = lambda * (mx + log(sum)); /* inclusive value, overflow-safe */
  }
  double ptop[65];
  if (rs__logit_core(top, atop, sizeof *atop, m + 1, ptop) != RS_OK) return RS_EINVAL;
  for (int i = 0; i < m; i++) p[i] = an[i] ? ptop[m] * pin[i] : ptop[i];
  return RS_OK;
}

double rs__elast_own(double beta, double x, double p_m) { return beta * x * (1 - p_m); }

double rs__elast_cross(double beta, double x_j, double p_j) { return -beta * x_j * p_j; }

double rs__elast_frequency(double beta_wait, double wait, double p_m) {
  return -rs__elast_own(beta_wait, wait, p_m);
}

double rs__arc_elasticity(double x1, double y1, double x2, double y2) {
  if (!(x1 > 0 && x2 > 0 && y1 > 0 && y2 > 0) || x1 == x2) return NAN;
  if (!isfinite(x1) || !isfinite(x2) || !isfinite(y1) || !isfinite(y2)) return NAN;
  return log(y2 / y1) / log(x2 / x1);
}

double rs__elast_aggregate(const double *e, const double *t, int n) {
  double num = 0, den = 0;
  for (int i = 0; i < n; i++) {
    if (t[i] == 0) continue; /* an empty segment does not count, whatever its e */
    num += t[i] * e[i];
    den += t[i];
  }
  return den != 0 ? num / den : NAN;
}

double rs__learn(double perceived, double experienced, double alpha) {
  if (!isfinite(experienced)) return perceived;
  if (!isfinite(perceived)) return experienced;
  if (!(alpha > 0)) alpha = 0; /* also NaN */
  if (alpha > 1) alpha = 1;
  return (1 - alpha) * perceived + alpha * experienced; /* exact at alpha 0 and 1 */
}

void rs__learn_vec(double *perceived, const double *experienced, int n, double alpha) {
  for (int i = 0; i < n; i++) perceived[i] = rs__learn(perceived[i], experienced[i], alpha);
}
