/* Global sensitivity indices of a model output to its inputs.
 *
 * Saltelli's design (rs__sw_saltelli) gives, for j < N, f(A_j), f(B_j) and
 * f(AB_i,j) (A_j with column i from B_j). From those:
 *   first order  S_i  = mean_j f(B_j) (f(AB_i,j) - f(A_j)) / V   (Saltelli et al. 2010)
 *   total        ST_i = mean_j (f(A_j) - f(AB_i,j))^2 / (2V)      (Jansen 1999)
 * with V the variance of all f(A) and f(B). For any other sample,
 * standardised regression coefficients: the OLS slopes of y on the inputs,
 * all scaled to unit standard deviation (R^2 says how linear the model is). */
#ifndef RS__SENSITIVITY_H
#define RS__SENSITIVITY_H

/* FA, FB: n values; FAB: k*n values, FAB[i*n + j]. S1, ST: k values (NAN when
 * the output does not vary). */
int rs__saltelli(long n, int k, const double *fa, const double *fb, const double *fab,
                 double *s1, double *st);
/* X: n rows of k inputs, Y: n outputs. SRC: k values (0 for a constant
 * input), *R2 the fit's coefficient of determination. */
int rs__src(long n, int k, const double *x, const double *y, double *src, double *r2);
#endif
