/* Mode choice (DESIGN 1.1, factor P_metro): multinomial logit over the modes
 * of a corridor, its implied elasticities, and the day-to-day learning of
 * perceived values. Pure functions of numbers, no allocation; formulas in
 * docs/demand-model.md.
 *
 *   V_m = ASC_m + sum_k beta_k x_mk
 *   P_m = e^{V_m} / sum_{j available} e^{V_j}      (0 for unavailable modes)
 *   own point elasticity of P_m to x_mk:    beta_k x_mk (1 - P_m)
 *   cross elasticity of P_i to x_jk (i!=j): -beta_k x_jk P_j
 *
 * Units of the attributes (the betas carry the inverse units): in-vehicle
 * time, wait and access+egress in minutes, transfers a count, cost in yuan,
 * crowding in crowded in-vehicle minutes (see the document). */
#ifndef RS__CHOICE_H
#define RS__CHOICE_H

enum {
  RS__ATTR_IVT = 0,  /* in-vehicle time, min */
  RS__ATTR_WAIT,     /* waiting time (first wait and transfer waits), min */
  RS__ATTR_WALK,     /* access + egress time, min */
  RS__ATTR_XFER,     /* number of transfers */
  RS__ATTR_COST,     /* out-of-pocket cost (fare, fuel, tolls, parking), yuan */
  RS__ATTR_CROWD,    /* crowding, crowded in-vehicle min */
  RS__NATTR
};

/* "ivt", "wait", "walk", "transfers", "cost", "crowding"; "?" out of range. */
const char *rs__attr_name(int k);
/* Index of an attribute name, -1 when unknown. */
int rs__attr_parse(const char *name);

/* One alternative of the corridor. */
typedef struct rs__mode_alt {
  double asc;             /* alternative-specific constant */
  double x[RS__NATTR];    /* attributes in the units above */
  int available;          /* 0: excluded from the choice set */
} rs__mode_alt;

/* V = asc + sum_k beta[k] x[k]. */
double rs__logit_utility(double asc, const double beta[RS__NATTR], const double x[RS__NATTR]);

/* Probabilities P[0..m) from utilities V. AVAIL (NULL = all available) marks
 * the choice set; unavailable modes get 0. Stable for any utilities: the
 * maximum is subtracted; modes at +INFINITY share the choice equally; modes at
 * -INFINITY get 0 (all available at -INFINITY: equal shares). RS_EINVAL, with
 * P all 0, when m < 1, no mode is available, or an available V is NaN. */
int rs__logit_probs(const double *v, const int *avail, int m, double *p);

/* Utilities into V[0..m) (caller's workspace) and probabilities into P. */
int rs__logit_choice(const rs__mode_alt *modes, int m, const double beta[RS__NATTR],
                     double *v, double *p);

/* Nested logit with one nest (McFadden's GEV form): modes with NEST[i] != 0
 * share a nest of parameter LAMBDA in (0, 1]; the others stand alone.
 *   P(i in nest) = P(nest) e^{V_i/lambda} / sum_{j in nest} e^{V_j/lambda}
 *   P(nest) = e^{I} / (e^{I} + sum_{k not in nest} e^{V_k}),
 *   I = lambda ln sum_{j in nest} e^{V_j/lambda}   (the nest's inclusive value)
 * LAMBDA = 1 is the multinomial logit. AVAIL as in rs__logit_probs. RS_EINVAL,
 * with P all 0, when m < 1 or m > 64, LAMBDA is outside (0, 1], no mode is
 * available, or an available V is not finite. */
int rs__nested_logit_probs(const double *v, const int *avail, const int *nest, int m,
                           double lambda, double *p);

/* Point elasticity of P_m with respect to its own attribute X (coefficient
 * BETA): beta x (1 - P_m). */
double rs__elast_own(double beta, double x, double p_m);
/* Cross elasticity of P_i (any i != j) with respect to attribute X_J of mode
 * j: -beta x_j P_j. */
double rs__elast_cross(double beta, double x_j, double p_j);
/* Service frequency elasticity of P_m when its wait is proportional to the
 * headway (wait = headway/2 for random arrivals): frequency f = 1/headway, so
 * it is minus the wait elasticity, -beta_wait wait (1 - P_m). WAIT is the part
 * of the wait that scales with this headway. */
double rs__elast_frequency(double beta_wait, double wait, double p_m);
/* Arc elasticity ln(y2/y1) / ln(x2/x1); NAN unless all four are > 0 and x1 != x2. */
double rs__arc_elasticity(double x1, double y1, double x2, double y2);
/* Elasticity of a total sum_i T_i from segment elasticities E_i with
 * weights T_i (trips): sum T_i E_i / sum T_i (each x changed by the same
 * proportion). NAN when the weights sum to 0. */
double rs__elast_aggregate(const double *e, const double *t, int n);

/* Day-to-day learning by exponential smoothing:
 * perceived' = (1 - alpha) perceived + alpha experienced, alpha in [0, 1]
 * (clamped). A non-finite PERCEIVED (nothing learnt yet) takes EXPERIENCED; a
 * non-finite EXPERIENCED (nothing measured today) leaves PERCEIVED unchanged.
 * After n days of a constant experience E the gap to E has shrunk by (1-alpha)^n. */
double rs__learn(double perceived, double experienced, double alpha);
/* The same element-wise over N values, in place. */
void rs__learn_vec(double *perceived, const double *experienced, int n, double alpha);

#endif
