/* Outputs of a calibration: calibrated.yaml (extends the input, with the
 * fitted values and the run's --set values as nested YAML), calibration.csv
 * (parameters and covariance) and observations.csv. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/afile.h"
#include "drivers/calibrate.h"
#include "input/keypath.h"
#include "base/diag.h"
#include "base/csvout.h"
#include "report/output.h"

/* ---- a small YAML writer: block mappings, flow lists -------------------- */

static int rs__is_number(const char *s) {
  char *end;
  if (!*s) return 0;
  strtod(s, &end);
  return *end == 0;
}

static int rs__is_word(const char *s) {
  static const char *const w[] = {"true", "false", "True", "False", "TRUE", "FALSE", "yes", "no",
                                  NULL};
  for (int i = 0; w[i]; i++)
    if (!strcmp(s, w[i])) return 1;
  return 0;
}

static void rs__emit_scalar(FILE *f, const rs__ynode *n) {
  if (rs__ynode_is_null(n) && !n->quoted) {
    fputs("~", f);
    return;
  }
  if (!n->quoted && (rs__is_number(n->text) || rs__is_word(n->text))) {
    fputs(n->text, f);
    return;
  }
  rs__yaml_quoted(f, n->text); /* controls and bytes that are not UTF-8 escaped */
}

static void rs__emit_key(FILE *f, const rs__ynode *k) {
  static const char word[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
  if (!k->quoted && k->text[0] && strspn(k->text, word) == strlen(k->text))
    fputs(k->text, f);
  else
    rs__emit_scalar(f, k);
}

static void rs__emit_flow(FILE *f, const rs__ynode *n) {
  if (n->kind == RS__Y_SCALAR) {
    rs__emit_scalar(f, n);
  } else if (n->kind == RS__Y_SEQ) {
    fputc('[', f);
    for (size_t i = 0; i < n->n; i++) {
      if (i) fputs(", ", f);
      rs__emit_flow(f, n->items[i]);
    }
    fputc(']', f);
  } else {
    fputc('{', f);
    for (size_t i = 0; i < n->n; i++) {
      if (i) fputs(", ", f);
      rs__emit_key(f, n->keys[i]);
      fputs(": ", f);
      rs__emit_flow(f, n->items[i]);
    }
    fputc('}', f);
  }
}

static void rs__emit_block(FILE *f, const rs__ynode *map, int indent) {
  for (size_t i = 0; i < map->n; i++) {
    const rs__ynode *v = map->items[i];
    fprintf(f, "%*s", indent, "");
    rs__emit_key(f, map->keys[i]);
    fputc(':', f);
    if (v->kind == RS__Y_MAP && v->n > 0) {
      fputc('\n', f);
      rs__emit_block(f, v, indent + 2);
    } else if (v->kind == RS__Y_SEQ && v->n > 0) {
      /* one list item per line: the whole list, since `extends` replaces lists */
      fputc('\n', f);
      for (size_t k = 0; k < v->n; k++) {
        fprintf(f, "%*s- ", indent + 2, "");
        rs__emit_flow(f, v->items[k]);
        fputc('\n', f);
      }
    } else {
      fputc(' ', f);
      rs__emit_flow(f, v);
      fputc('\n', f);
    }
  }
}

/* Add segment K.. of key path KP ("a.b.2.c") of FULL into OVERLAY: mappings
 * nested as in FULL, a list whole (extends replaces lists). */
static int rs__overlay_add(rs__ydoc *doc, rs__ynode *overlay, const rs__ynode *full,
                           const rs__keypath *kp, int k) {
  const char *seg = kp->seg[k];
  const rs__ynode *child = rs__ymap_get(full, seg);
  if (!child) return RS_OK; /* null or absent in the document: nothing to write */
  rs__ynode *key = rs__ydoc_new_scalar(doc, "calibrate", 0, 0, seg, 0);
  if (!key) return RS_ENOMEM;
  if (k + 1 == kp->n || child->kind != RS__Y_MAP)
    return rs__ymap_set(doc, overlay, key, (rs__ynode *)child) ? RS_ENOMEM : RS_OK;
  rs__ynode *sub = rs__ymap_get(overlay, seg);
  if (sub == child) return RS_OK; /* already there whole */
  if (!sub || sub->kind != RS__Y_MAP) {
    sub = rs__ydoc_new_map(doc, "calibrate", 0, 0);
    if (!sub || rs__ymap_set(doc, overlay, key, sub)) return RS_ENOMEM;
  }
  return rs__overlay_add(doc, sub, child, kp, k + 1);
}

static int rs__write_yaml(const rs_calib *c, const char *dir, rs_diag *d) {
  /* the composed document with the user's sets and the estimates */
  size_t n = c->nuser + (size_t)c->np;
  const char **sets = malloc((n ? n : 1) * sizeof *sets);
  char *buf = malloc((size_t)(c->np ? c->np : 1) * RS__CALIB_SET_LEN);
  double v[RS_CALIB_MAX_PARAMS];
  for (int i = 0; i < c->np; i++) v[i] = c->p[i].estimate;
  if (!sets || !buf) {
    free(sets);
    free(buf);
    return RS_ENOMEM;
  }
  for (size_t i = 0; i < c->nuser; i++) sets[i] = c->sets[i];
  rs__calib_param_sets(c, v, buf, sets + c->nuser);
  const char *in = c->scenario[0] ? c->scenario : "(builtin)/ziyang/baseline.yaml";
  rs__ydoc *doc = NULL;
  int rc = rs__scenario_compose(in, sets, n, &doc, d);
  rs__ynode *overlay = doc ? rs__ydoc_new_map(doc, "calibrate", 0, 0) : NULL;
  if (!rc && doc && !overlay) rc = RS_ENOMEM;
  for (size_t i = 0; !rc && i < n; i++) {
    rs__keypath kp;
    int bad;
    const char *why;
    if (rs__keypath_parse(sets[i], &kp, &bad, &why) == RS_OK)
      rc = rs__overlay_add(doc, overlay, rs__ydoc_root(doc), &kp, 0);
  }
  char *abs = NULL;
  if (!rc && c->scenario[0]) abs = realpath(c->scenario, NULL);
  rs__afile a;
  if (!rc) rc = rs__afile_open(&a, dir, "calibrated.yaml", d);
  if (!rc) {
    FILE *f = a.f;
    fprintf(f, "# Written by ridersim calibrate: the input scenario with the fitted values.\n");
    fprintf(f, "# Weighted sum of squares %.6g at the start, %.6g fitted (%d iterations).\n",
            c->st.chisq0, c->st.chisq, c->st.iterations);
    for (int i = 0; i < c->np; i++)
      fprintf(f, "#   %s: %.6g (start %.6g, se %.3g)\n", c->p[i].key, c->p[i].estimate,
              c->p[i].start, c->p[i].se);
    fprintf(f, "ridersim: 1\nextends: ");
    rs__ynode tmp = {0};
    tmp.kind = RS__Y_SCALAR;
    tmp.text = abs ? abs : (char *)in;
    tmp.quoted = 1;
    rs__emit_scalar(f, &tmp);
    fputc('\n', f);
    rs__emit_block(f, overlay, 0);
    rc = rs__afile_commit(&a, d);
  }
  free(abs);
  rs__ydoc_free(doc);
  free(sets);
  free(buf);
  return rc;
}

static int rs__write_params(const rs_calib *c, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "calibration.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "key,space,start,estimate,se,theta,theta_se,prior,prior_a,prior_b,determined");
  for (int j = 0; j < c->np; j++) rs__csv_printf(a.f, ",cov_%d", j);
  fputc('\n', a.f);
  for (int i = 0; i < c->np; i++) {
    const rs__cparam *p = &c->p[i];
    static const char *const priors[] = {"none", "normal", "lognormal"};
    rs__csv_printf(a.f, "%s,%s,%.17g,%.17g,%.6g,%.17g,%.6g,%s,%.10g,%.10g,%d", p->key,
            p->log_space ? "log" : "linear", p->start, p->estimate, p->se, p->theta, p->theta_se,
            priors[p->prior], p->prior_a, p->prior_b, p->determined);
    for (int j = 0; j < c->np; j++) rs__csv_printf(a.f, ",%.10g", c->cov[i * c->np + j]);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

static int rs__write_obs(const rs_calib *c, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "observations.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "id,kind,from,to,bound,group,observed,start,simulated,error_pct,sigma,residual\n");
  static const char *const bounds[] = {"", "lower", "upper"};
  for (int i = 0; i < c->nobs; i++) {
    rs_calib_obs_info o;
    rs_calib_obs(c, i, &o);
    rs__csv_printf(a.f, "%s,%s,%s,%s,%s,%d,%.10g,%.10g,%.10g,%.4f,%.4g,%.6g\n", o.id, o.kind, o.from,
            o.to, bounds[o.bound], o.group, o.observed, o.start, o.simulated,
            100 * (o.simulated - o.observed) / o.observed, o.sigma, o.residual);
  }
  return rs__afile_commit(&a, d);
}

/* identification.csv: per singular value, its size, whether it is determined,
 * the sd it gives its combination, and the combination's weights. */
static int rs__write_ident(const rs_calib *c, const char *dir, rs_diag *d) {
  rs__afile a;
  int rc = rs__afile_open(&a, dir, "identification.csv", d);
  if (rc) return rc;
  rs__csv_printf(a.f, "k,singular_value,determined,sd");
  for (int i = 0; i < c->np; i++) rs__csv_printf(a.f, ",%s", c->p[i].key);
  fputc('\n', a.f);
  for (int k = 0; k < c->np; k++) {
    double sv = c->sv ? c->sv[k] : NAN;
    rs__csv_printf(a.f, "%d,%.6g,%d,%.6g", k, sv, sv >= RS_CALIB_SV_DETERMINED, sv > 0 ? 1 / sv : INFINITY);
    for (int i = 0; i < c->np; i++) rs__csv_printf(a.f, ",%.6f", c->svec ? c->svec[i * c->np + k] : NAN);
    fputc('\n', a.f);
  }
  return rs__afile_commit(&a, d);
}

int rs_calib_write(const rs_calib *c, const char *dir, const char *final_dir, rs_diag *d) {
  (void)final_dir; /* extends names the input by its absolute path */
  if (!c->ran) return RS_ESTATE;
  int rc = rs__write_yaml(c, dir, d);
  if (!rc) rc = rs__write_params(c, dir, d);
  if (!rc) rc = rs__write_obs(c, dir, d);
  if (!rc) rc = rs__write_ident(c, dir, d);
  if (!rc) rc = rs__calib_write_mixture(c, dir, d);
  return rc;
}
