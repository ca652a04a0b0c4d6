/* The validation pass (scenario_validate.c, scenario_validate_commute.c): the
 * checks that need two or more fields, list items or sections, run once every
 * binder is done. A check judges only values that bound cleanly: one the
 * binders already reported (or that is absent) is skipped, as the binders'
 * own checks did. Messages keep the positions of the nodes they are about. */
#ifndef RS__SCENARIO_VALIDATE_H
#define RS__SCENARIO_VALIDATE_H
#include "input/scenario_load.h"

typedef struct rs__vpass {
  rs__bind *b;
  size_t nbad;        /* b->errat[0..nbad): the binders' problem nodes, sorted */
} rs__vpass;

/* 1 when N is present and no binder reported a problem at N or at a value
 * inside it (key nodes do not count: an unknown key leaves the rest bound). */
int rs__v_clean(const rs__vpass *v, const rs__ynode *n);
/* The station N names when it bound cleanly, else -1. */
int rs__v_station(const rs__vpass *v, const rs__ynode *n);

/* market.od, metro.fare.bands, modes, events (scenario_validate_model.c) */
void rs__validate_model(rs__vpass *v);

/* commute: interchange, zones against the interchange and each other,
 * destination ids, am_peak, connecting lines, metro.onward (scenario_validate_commute.c) */
void rs__validate_commute(rs__vpass *v);
#endif
