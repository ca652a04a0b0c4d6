/* Random streams of (seed, replication, day) (stream.h). */
#include "base/stream.h"

/* splitmix64: decorrelates nearby (seed, replication, day) triples. */
static uint64_t rs__mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

unsigned long rs__stream_seed(uint64_t seed, uint64_t replication, int64_t day) {
  uint64_t h = rs__mix64(seed);
  h = rs__mix64(h ^ replication);
  h = rs__mix64(h ^ (uint64_t)day);
  return (unsigned long)(h ? h : 1);
}
