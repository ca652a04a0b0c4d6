/* The door-to-door tables computed ahead (rs_run_options.commute_ahead), on
 * two threads while the calendar loop goes on: the other modes' trips from
 * the start of the run (they need the scenario and the detail date only), the
 * metro's from the moment the detail day is kept. Each half reads only what
 * is fixed from then on and draws from its own generator, so the tables are
 * those rs_commute_compute gives after the run, byte for byte; the threads
 * only move when they are worked out (docs/design-notes.md). */
#include <pthread.h>
#include <stdlib.h>
#include "ridersim/commute.h"
#include "sim/sim.h"

typedef struct rs__cm_half {
  pthread_t thread;
  int started, rc;
  rs__results view; /* what the half reads, fixed while it runs */
  int metro;
  struct rs_commute *cm;
} rs__cm_half;

typedef struct rs__cm_job {
  struct rs_commute *cm;
  rs__cm_half half[2]; /* the other modes', the metro's */
} rs__cm_job;

static void *rs__cm_half_main(void *arg) {
  rs__cm_half *h = arg;
  h->rc = h->metro ? rs__cm_metro_half(h->cm, &h->view) : rs__cm_others_half(h->cm, &h->view);
  return NULL;
}

static void rs__cm_half_start(rs__cm_job *j, const rs_sim *sim, int metro) {
  rs__cm_half *h = &j->half[metro];
  h->view = rs__sim_view_now(sim);
  h->view.ran = 1; /* what the tables read is fixed: the run's end adds nothing to it */
  h->metro = metro;
  h->cm = j->cm;
  h->started = pthread_create(&h->thread, NULL, rs__cm_half_main, h) == 0;
}

/* Whether the detail day lies in the period (else it is the last day, known
 * only at the end). */
static int rs__cm_detail_inside(const rs_sim *sim) {
  int32_t a = sim->s->period.start, d = sim->detail_date;
  return a == RS__DATE_NONE ? d == RS__DATE_NONE : d >= a && d < a + sim->ndays;
}

static rs__cm_job *rs__cm_job_new(rs_sim *sim) {
  if (!sim->commute_ahead || sim->cm_job || !sim->s->commute) return NULL;
  rs__cm_job *j = calloc(1, sizeof *j);
  if (!j) return NULL;
  if (rs__cm_begin(sim->s, &j->cm) != RS_OK || !j->cm) {
    free(j);
    return NULL;
  }
  sim->cm_job = j;
  return j;
}

void rs__sim_commute_begin(rs_sim *sim) {
  if (!rs__cm_detail_inside(sim)) return;
  rs__cm_job *j = rs__cm_job_new(sim);
  if (j) rs__cm_half_start(j, sim, 0);
}

void rs__sim_commute_start(rs_sim *sim) {
  rs__cm_job *j = sim->cm_job;
  if (!j && (j = rs__cm_job_new(sim)) != NULL) rs__cm_half_start(j, sim, 0);
  if (j && !j->half[1].started) rs__cm_half_start(j, sim, 1);
}

void rs__sim_commute_join(rs_sim *sim, int keep) {
  rs__cm_job *j = sim->cm_job;
  if (!j) return;
  int ok = 1;
  for (int i = 0; i < 2; i++) {
    rs__cm_half *h = &j->half[i];
    if (h->started) pthread_join(h->thread, NULL);
    ok = ok && h->started && h->rc == RS_OK;
  }
  sim->cm_job = NULL;
  if (keep && ok && rs__cm_end(j->cm) == RS_OK) {
    rs_commute_free(sim->commute);
    sim->commute = j->cm;
  } else { /* computed again when asked for: the same tables, or the same error */
    rs_commute_free(j->cm);
  }
  free(j);
}
