/* Every default of the scenario, in one place (docs/scenario-reference.md lists
 * them). A binder calls the defaults of what it fills BEFORE reading the file,
 * then overrides only the keys the file gives: a default value is written here
 * and nowhere else. Defaults that follow another field (trains.comfort_capacity
 * from capacity, metro.onward.transfers from onward.ivt_min) are functions of it.
 * Sections are filled by rs__scenario_defaults; list items (a station, a mode, a
 * commute zone, ...) by their own function, called per item. */
#ifndef RS__MODEL_DEFAULTS_H
#define RS__MODEL_DEFAULTS_H
#include "model/commute.h"
#include "model/scenario.h"
#include "model/uncertainty.h"

/* The top-level scalars and every section of S: what an empty file gives.
 * RS_ENOMEM when the default timetable period cannot be allocated. */
int rs__scenario_defaults(rs_scenario *s);

/* Sections (each called by rs__scenario_defaults). */
void rs__top_defaults(rs_scenario *s);          /* version, seed, step_s */
void rs__period_defaults(rs__period_def *p);    /* none: one dateless day */
void rs__calendar_defaults(rs_scenario *s);     /* the built-in calendar of China */
void rs__output_defaults(rs_scenario *s);       /* no detail date */
void rs__trains_defaults(rs__trains *t);
void rs__running_defaults(rs__running *r);
int rs__timetable_defaults(rs__timetable *tt);  /* allocates the one default period */
void rs__market_defaults(rs__demand_model *dm);
void rs__metro_defaults(rs__metro_los *m);
void rs__fare_defaults(rs__fare *f);
void rs__choice_defaults(rs__choice_params *c);
void rs__commute_defaults(rs__commute_def *c);

/* Defaults that follow another field. */
double rs__comfort_capacity_default(double capacity);
double rs__onward_transfers_default(double onward_ivt_min);

/* List items. */
void rs__station_defaults(rs__station *st);
void rs__od_defaults(rs__od *od);
void rs__suspension_defaults(rs__suspension *sp);
void rs__mode_defaults(rs__mode *m);
void rs__event_defaults(rs__event *e);
void rs__observation_defaults(rs__observation *o);
void rs__unc_entry_defaults(rs__unc_entry *e);
void rs__cm_line_defaults(rs__cm_line *l);
void rs__cm_period_defaults(rs__period *p);
void rs__cm_cong_defaults(rs__cm_cong *k);
/* Zones and destinations take their access and egress from the metro's. */
void rs__cm_zone_defaults(rs__cm_zone *z, const rs__metro_los *metro);
void rs__cm_dest_defaults(rs__cm_dest *z, const rs__metro_los *metro);

#endif
