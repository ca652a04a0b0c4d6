/* Iterative proportional fitting (Furness): an OD matrix with the pattern of a
 * seed and the given row sums (entries) and column sums (exits). */
#ifndef RS__IPF_H
#define RS__IPF_H

/* X (n x n, row-major) starts as SEED and is scaled alternately to ROW and COL
 * (both summing to the same total) until every row sum is within TOL
 * (relative to the largest row) or MAXIT rounds pass. Returns the largest
 * relative row error left (columns are exact after the last round). */
double rs__ipf(const double *seed, int n, const double *row, const double *col, double *x,
               int maxit, double tol);
#endif
