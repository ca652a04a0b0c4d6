/* Seeds of the random streams: every (seed, replication or draw, day) gets its
 * own generator seed, independent of the thread that runs it and of what earlier
 * days drew, so results do not depend on the thread count and common random
 * numbers survive a change on one day. */
#ifndef RS__BASE_STREAM_H
#define RS__BASE_STREAM_H
#include <stdint.h>

unsigned long rs__stream_seed(uint64_t seed, uint64_t replication, int64_t day);
#endif
