/* The simulation handle: the scenario's model (network, calendar, demand),
 * the engine's workspaces, and the run's accumulators. Private to sim/: the
 * layers above read a finished run through the view of sim/results.h. */
#ifndef RS__SIM_H
#define RS__SIM_H
#include <gsl/gsl_rng.h>
#include "model/calendar.h"
#include "model/demand_model.h"
#include "engine/engine.h"
#include "sim/results.h"
#include "base/stream.h"
#include "engine/engine_fluid.h"



/* A timetable built from a service pattern (sim_timetable.c): BASE (the
 * scenario's service it came from; NULL: slot unused) with the stations open
 * then (OPEN, nst flags), before suspensions; FLEET the trains it needs (-2:
 * not counted yet); PUB_OK: the published service worked out from it is kept
 * (sim_learn.c): PUB [4 * nod] its waits, headways, give-ups and in-vehicle
 * minutes (NAN where no train), PUB_PLAN [2 * nod] offsets and counts of the
 * planned departures PUB_DEP [pub_ndep]. */
#define RS__TT_SLOTS 8
typedef struct rs__tt_slot {
  const rs__service *base;
  unsigned char *open;
  rs__day_tt tt;
  int fleet;
  int pub_ok, pub_ndep;
  double *pub, *pub_dep;
  int *pub_plan;
} rs__tt_slot;

/* Peak-hour peak-direction load (PHPDT): the most passengers carried through
 * one section in one direction in one clock hour, over every simulated day. */
typedef struct rs__phpdt {
  double load;
  int32_t date;
  int hour, dir, section;    /* section i: stations i..i+1 */
} rs__phpdt;

struct rs_commute;
struct rs_sim {
  const rs_scenario *s;      /* borrowed; must outlive the simulation */
  rs__network net;
  rs__engine *engine;
  rs__fluid *fluid;          /* the expected-value engine (rs_run_options.expected) */
  const rs__calendar *cal;   /* the scenario's (borrowed); NULL for a dateless day */
  rs__day_tt tt;             /* timetable of the day being simulated */
  int day_row0;              /* first departures_csv row of the day (dated tables) */
  int day_trip0;             /* first trips_csv row of the day (dated tables) */
  rs__day_result day;        /* results of the day being simulated */
  gsl_rng *rng;
  rs__service svc;           /* the day's service pattern, headways scaled */
  rs__tt_slot tt_slot[RS__TT_SLOTS]; /* timetables of the services met (sim_timetable.c) */
  int tt_last, tt_next;      /* slot sim->tt was copied from yesterday (-1: none); next to reuse */

  /* Demand streams of a day and the profiles' normalised hourly weights. */
  rs__stream *streams;
  int nstreams, cap_streams;
  /* [(market * RS_NPURPOSE + purpose) * nmodes + i] the other modes'
   * utilities, kept once share_kept[market * RS_NPURPOSE + purpose] (sim_day.c) */
  double *share_keep;
  unsigned char *share_kept;
  double *hour_w;            /* [profile * 24 + hour] */

  /* Day-to-day learning, per OD pair [origin * nst + dest] (sim_learn.c). */
  rs__perceived *perc;       /* NAN wait: never perceived yet */
  double *ivt_min;           /* today's scheduled in-vehicle minutes */
  double *pub_wait, *pub_headway; /* today's published service, min; NAN: none */
  double *give_up_s;         /* a longer wait past the planned train is a failed trip */
  int *plan_off, *plan_n;    /* today's planned departures of each pair in dep_buf */
  rs__plan plan;             /* the four above, for the engines (engine_fluid.h) */
  double *exp_wait, *exp_crowd, *exp_n, *exp_failed, *exp_denied; /* today's experience, summed */
  unsigned char *open;       /* stations open today */
  double *crowd_cum;         /* per-stop prefix sums of crowding (sim_learn.c) */
  int cap_crowd;
  double *dep_buf;           /* planned departures, pair after pair (sim_learn.c) */
  rs__day_tt pub_tt;         /* the timetable they were planned from; pub_valid: */
  int pub_valid;             /* 0 until then, or when perceptions start again */
  int cap_dep;
  double *fleet_buf;         /* run starts and ends, for the fleet count (sim.c) */
  int cap_fleet;

  /* Run accumulators over all days. */
  int ran;
  int expected;              /* expected-value mode (rs_run_options.expected) */
  int use_fluid;             /* the day ran on the expected-value engine */
  uint64_t replication;
  int days, ndays;           /* simulated so far, in the period */
  double riders, delivered, stranded, denied;
  double after_service;      /* stranded who arrived after the last train */
  double wait_sum_s, ride_sum_s, passenger_km;
  double max_load_factor;
  int fleet_required;        /* most trains in use at once, any day */
  unsigned *wait_hist;       /* RS__WAIT_BINS, summed over days */
  rs__daily_row *daily;      /* ndays rows */
  double *daily_board;       /* [day * nst + station] boardings */
  double *daily_alight;      /* [day * nst + station] alightings */
  double *fare_od;           /* [origin * nst + dest] fare of a ride on the line */
  int fare_exact;            /* every fare a whole multiple of 2^-20 yuan (sim_figures.c) */
  double revenue, train_km;  /* over all days */
  rs__phpdt phpdt;

  struct rs__ride *ride;     /* per-stop records of every day (sim_ride.h), NULL when not kept */

  /* The detail day (trains.csv, stations.csv, sections.csv, passengers.csv). */
  int32_t detail_date;
  int have_detail;
  rs__day_tt dtt;
  rs__day_result dres;
  rs__pax *dpax;
  int ndpax, cap_dpax;

  rs__results view;          /* what the layers above read (rs__sim_results) */
  struct rs_commute *commute; /* the run's door-to-door tables, once asked for (commute.c) */
  int commute_ahead;          /* rs_run_options.commute_ahead */
  struct rs__cm_job *cm_job;  /* their computation under way (commute_ahead.c), or NULL */
};


/* sim_timetable.c: the day's timetable into sim->tt (before suspensions):
 * from the day's departures_csv rows R0.. R0 + NR, else from its service
 * pattern, copied from a timetable built once per service and set of open
 * stations unless departures are randomly delayed. *SAME: sim->tt was left as
 * it was yesterday, the same timetable (no suspensions in the scenario). */
int rs__sim_day_timetable(rs_sim *sim, const rs__dayinfo *info, int r0, int nr, int *same);
void rs__sim_tt_cache_free(rs_sim *sim);
/* What rs__sim_published does on a day whose timetable is yesterday's: the
 * published service is unchanged; pairs whose perception was lost start again
 * from it. */
void rs__sim_republish(rs_sim *sim);
/* The trains today's timetable needs when already counted for its slot (no
 * suspensions in the scenario), else -2; and keep the count for the slot. */
int rs__sim_fleet_of_slot(const rs_sim *sim);
void rs__sim_fleet_keep(rs_sim *sim, int fleet);
/* sim_day.c: the day's demand streams. */
int rs__sim_build_streams(rs_sim *sim, const rs__day_context *ctx);
/* sim_learn.c: nothing perceived yet; the published service of the day's
 * timetable (call before suspensions: they are not published) and first
 * perceptions of pairs never seen; learning from the day's experience. */
void rs__sim_init_perception(rs_sim *sim);
int rs__sim_published(rs_sim *sim);
int rs__sim_learn(rs_sim *sim);
/* observed_modes.c: the simulated value of a mode_share figure (NAN: none). */
double rs__sim_mode_share(const rs_sim *sim, const rs__observation *o);
/* sim_figures.c: the planner's figures of the day just simulated (fare revenue,
 * train-km, alightings, PHPDT) into daily row DI and the run's totals. */
int rs__sim_figures_alloc(rs_sim *sim);
void rs__sim_figures_reset(rs_sim *sim);
void rs__sim_day_figures(rs_sim *sim, int di);
/* sim_detail.c: keep a copy of the day just simulated as the detail day; a
 * copy of a timetable (DST's memory replaced). */
int rs__sim_snapshot_detail(rs_sim *sim);
/* commute.c: the door-to-door tables of the run RV views (rs_commute_compute
 * without the check that the run is over), built in two halves that touch
 * different groups and draw from generators of their own, so they may run at
 * once: begin (no trips), the metro's trips of the detail day, the other
 * modes' (the scenario and the detail date only), end (the rows). */
int rs__commute_from(const rs__results *rv, struct rs_commute **out);
/* sim.c: the view of the run as it stands (rs__sim_results' once the run ended). */
rs__results rs__sim_view_now(const rs_sim *sim);
int rs__cm_begin(const rs_scenario *s, struct rs_commute **out);
int rs__cm_metro_half(struct rs_commute *cm, const rs__results *rv);
int rs__cm_others_half(struct rs_commute *cm, const rs__results *rv);
int rs__cm_end(struct rs_commute *cm);
/* commute_ahead.c, with rs_run_options.commute_ahead: the other modes' half
 * starts on a thread when the run starts (when its detail date is known
 * then), the metro's once the detail day is kept (nothing starts when a
 * thread cannot: the tables are computed when asked for). Join waits for
 * both and keeps the tables in sim->commute if KEEP and both halves
 * succeeded, else drops them (rs__sim_commute then computes them itself). */
void rs__sim_commute_begin(rs_sim *sim);
void rs__sim_commute_start(rs_sim *sim);
void rs__sim_commute_join(rs_sim *sim, int keep);
int rs__sim_tt_copy(rs__day_tt *dst, const rs__day_tt *src);
#endif
