/* The engine's per-passenger generator: xoshiro256+ inlined, seeded from the
 * day's GSL generator (itself seeded by rs__stream_seed), so a day's draws
 * depend on the scenario seed, the replication and the date only -- never on
 * the thread that runs it. Inlined because a call through gsl_rng's function
 * pointer cost about 15% of a day (issue 17). */
#ifndef RS__ENGINE_FASTRNG_H
#define RS__ENGINE_FASTRNG_H
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

typedef struct rs__fastrng {
  uint64_t s[4];
} rs__fastrng;

static inline uint64_t rs__splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Two draws of R (64 bits from any GSL generator's 32-bit outputs), spread
 * over the state by splitmix64 as xoshiro's authors recommend: never all zero. */
static inline void rs__fastrng_seed(rs__fastrng *g, gsl_rng *r) {
  uint64_t x = ((uint64_t)(gsl_rng_get(r) & 0xffffffffUL) << 32) ^ (uint64_t)gsl_rng_get(r);
  for (int i = 0; i < 4; i++) g->s[i] = rs__splitmix64(&x);
}

static inline uint64_t rs__fastrng_next(rs__fastrng *g) {
  uint64_t *s = g->s, r = s[0] + s[3], t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 45) | (s[3] >> 19);
  return r;
}

/* Uniform on [0, 1) with 53 random bits (xoshiro256+'s weak low bits dropped). */
static inline double rs__fastrng_uniform(rs__fastrng *g) {
  return (double)(rs__fastrng_next(g) >> 11) * 0x1.0p-53;
}

/* Exponential with mean 1 by Marsaglia and Tsang's ziggurat (J. Stat. Softw.
 * 5(8), 2000), 256 layers: one draw and a comparison 99% of the time, where
 * -log(u) cost an eighth of a day. Exact: the rare rejections fall back on
 * the density and the tail on -log. Tables from rs__zig_init. */
typedef struct rs__zig {
  uint32_t k[256];
  double w[256], f[256];
} rs__zig;

static inline void rs__zig_init(rs__zig *z) {
  const double m2 = 4294967296.0, ve = 3.949659822581572e-3;
  double de = 7.697117470131487, te = de, q = ve / exp(-de);
  z->k[0] = (uint32_t)((de / q) * m2);
  z->k[1] = 0;
  z->w[0] = q / m2;
  z->w[255] = de / m2;
  z->f[0] = 1.0;
  z->f[255] = exp(-de);
  for (int i = 254; i >= 1; i--) {
    de = -log(ve / de + exp(-de));
    z->k[i + 1] = (uint32_t)((de / te) * m2);
    te = de;
    z->f[i] = exp(-de);
    z->w[i] = de / m2;
  }
}

static inline double rs__fastrng_exp(rs__fastrng *g, const rs__zig *z) {
  for (;;) {
    uint64_t r = rs__fastrng_next(g);
    int i = (int)((r >> 3) & 255); /* xoshiro256+'s three lowest bits are its weakest */
    uint32_t j = (uint32_t)(r >> 32);
    if (j < z->k[i]) return j * z->w[i];
    if (i == 0) return 7.697117470131487 - log(1.0 - rs__fastrng_uniform(g));
    double x = j * z->w[i];
    if (z->f[i] + rs__fastrng_uniform(g) * (z->f[i - 1] - z->f[i]) < exp(-x)) return x;
  }
}
#endif
