/* Binders of the calendar-run sections (scenario_model.c, observed.c), for the
 * section table of scenario_load.c. */
#ifndef RS__SCENARIO_MODEL_H
#define RS__SCENARIO_MODEL_H
#include "input/scenario_load.h"

int rs__bind_period(rs__bind *b, const rs__ynode *val);
int rs__bind_calendar(rs__bind *b, const rs__ynode *val);
int rs__bind_output(rs__bind *b, const rs__ynode *val);
int rs__bind_market(rs__bind *b, const rs__ynode *val);
int rs__bind_metro(rs__bind *b, const rs__ynode *val);
int rs__bind_modes(rs__bind *b, const rs__ynode *val);
int rs__bind_choice(rs__bind *b, const rs__ynode *val);
/* choice.purposes, choice.car, choice.captive_share, choice.nest (scenario_segments.c);
 * VAL is the choice map or NULL; choice.beta must be bound first. */
int rs__bind_choice_segments(rs__bind *b, const rs__ynode *val);
/* A mode id (metro or an id of 'modes', bound before) -> 0 the metro, 1 + i
 * modes[i]; -1, reported at N, when unknown. */
int rs__bind_alt_ref(rs__bind *b, const rs__ynode *n, const char *path);
int rs__bind_events(rs__bind *b, const rs__ynode *val);
int rs__bind_observed(rs__bind *b, const rs__ynode *val);
int rs__bind_commute(rs__bind *b, const rs__ynode *val);      /* scenario_commute.c */
/* The list under timetable.suspensions (non-null) into
 * b->s->timetable.suspensions (scenario_suspend.c). */
int rs__bind_suspensions(rs__bind *b, const rs__ynode *val);
int rs__bind_uncertainty(rs__bind *b, const rs__ynode *val);  /* scenario_uncertainty.c */
#endif
